// Helpers for tests that run against the simulated tenant.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGraphAdapter, type GraphAdapterOptions } from "../adapter";
import type { GraphPort } from "../port";
import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from "./server";
import type { ThrottlingConfig } from "./throttle";

/** `<repo>/.data/test`: the CA made by vitest-global-setup.ts lives under it. */
export const testDataDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../.data/test");

export function startTestSimulator(options: Partial<StartSimulatorOptions> = {}): Promise<RunningSimulator> {
  return startSimulator({ dataDir: testDataDir, users: 120, seed: 7, throttling: "off", ...options });
}

export function graphConfigOf(sim: RunningSimulator) {
  return {
    baseUrl: sim.baseUrl,
    authorityHost: sim.authorityHost,
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
  };
}

/** Runs `fn` with the tenant's buckets set to `throttling`, and switches throttling off after it. */
export async function underThrottling<T>(
  sim: RunningSimulator,
  throttling: ThrottlingConfig,
  fn: () => Promise<T>,
): Promise<T> {
  sim.control.setThrottling(throttling);
  try {
    return await fn();
  } finally {
    sim.control.setThrottling("off");
  }
}

/** An adapter whose retries never wait: the waits it asked for are recorded instead. */
export function fastAdapter(
  sim: RunningSimulator,
  options: GraphAdapterOptions = {},
): { graph: GraphPort; sleeps: number[] } {
  const sleeps: number[] = [];
  const graph = createGraphAdapter(graphConfigOf(sim), {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { graph, sleeps };
}

/** A contract test file's tenant: its simulator, a fast adapter (and the waits it asked for), the live user ids. */
export async function startContractTenant(options: Partial<StartSimulatorOptions>) {
  const sim = await startTestSimulator(options);
  const { graph, sleeps } = fastAdapter(sim);
  const allUserIds = sim.tenant.users.filter((u) => u.deletedAt === null).map((u) => u.id);
  return { sim, graph, sleeps, allUserIds };
}

/** After each contract test: no faults left, every permission granted again, no recorded waits. */
export function resetContractTenant(sim: RunningSimulator, sleeps: number[]): void {
  sim.control.clearFaults();
  sim.control.resetPermissions();
  sleeps.length = 0;
}

/** A live user holding a hardware key in Entra. */
export const userWithKey = (sim: RunningSimulator) =>
  sim.tenant.users.find(
    (u) =>
      u.accountEnabled &&
      sim.tenant.credentialsByUser.get(u.idx)?.some((c) => c.removedAt === null && c.kind === "hardware"),
  )!;

/** Every item of a paged read, and how many pages it took. */
export async function collect<T>(it: AsyncIterable<T[]>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  for await (const p of it) {
    items.push(...p);
    pages++;
  }
  return { items, pages };
}

/** Raw HTTPS to the simulated tenant, no adapter: the client-credentials token request as sent. */
export function requestToken(s: RunningSimulator, secret = s.clientSecret): Promise<Response> {
  return fetch(`${s.authorityHost}/${s.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: s.clientId,
      client_secret: secret,
      scope: `${s.baseUrl}/.default`,
    }),
  });
}

/** Raw HTTPS to the simulated tenant, no adapter: one Graph call with a bearer, its answer parsed. */
export async function rawCall(
  s: RunningSimulator,
  bearer: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${s.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
}

type SimUser = RunningSimulator["tenant"]["users"][number];

/** Whether the user has a credential in Entra that is not removed. */
export const hasLiveCredential = (sim: RunningSimulator, u: SimUser) =>
  (sim.tenant.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null);

/** An enabled member not in `used` yet who `fits`; added to `used`, so a test file never takes one twice. */
export function unusedMember(
  sim: RunningSimulator,
  used: Set<string>,
  fits: (u: SimUser) => boolean,
): SimUser {
  const u = sim.tenant.users.find(
    (x) => !used.has(x.id) && x.deletedAt === null && x.accountEnabled && x.userType === "Member" && fits(x),
  );
  if (!u) throw new Error("no such user left in the simulated tenant");
  used.add(u.id);
  return u;
}

/** A member not `used` yet, with no live credential in Entra (a key yet to hand over), who `fits`; now used. */
export const freshMember = (sim: RunningSimulator, used: Set<string>, fits: (u: SimUser) => boolean) =>
  unusedMember(sim, used, (x) => fits(x) && !hasLiveCredential(sim, x));

/** An enabled member of the tenant holding no Temporary Access Pass. */
export const memberWithoutTap = (sim: RunningSimulator) =>
  sim.tenant.users.find(
    (u) => u.userType === "Member" && u.accountEnabled && u.deletedAt === null && !sim.tenant.taps.has(u.idx),
  )!;

/** An app-only token from the simulator's token endpoint, as a client-credentials client gets one. */
export async function appToken(sim: RunningSimulator): Promise<string> {
  const res = await fetch(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: `${sim.baseUrl}/.default`,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A raw HTTPS call to the simulated tenant (no adapter): status, headers and the parsed body. */
export function rawCaller(sim: () => RunningSimulator, token: () => string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim().baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token()}`,
        ...(body ? { "Content-Type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as any) : undefined, // eslint-disable-line @typescript-eslint/no-explicit-any
    };
  };
}
