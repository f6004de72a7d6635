import { Auth } from "@auth/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { resetEnvForTests } from "@/server/env";
import { authConfig } from "./config";
import { actorFromSession, type SessionLike } from "./session-actor";

// The real next-auth flow (demo persona sign-in, the session endpoint, sign-out) on KeyFleet's auth
// configuration and a real database, the clock ours: what a browser's cookie can still do afterwards.
// actorFromSession is what currentActor runs on every request.

const MIN = 60_000;
const HOUR = 60 * MIN;
const BASE = "http://localhost:3000/api/auth";
const saved = { ...process.env };
let db: TestDatabase;
let services: Services;
let now = Date.parse("2026-12-01T08:00:00Z");

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function call(path: string, jar: Jar, form?: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = { cookie: cookieHeader(jar) };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const res = await Auth(
    new Request(`${BASE}${path}`, {
      method: form ? "POST" : "GET",
      headers,
      body: form ? new URLSearchParams(form) : undefined,
    }),
    {
      ...authConfig(),
      basePath: "/api/auth",
    },
  );
  for (const c of res.headers.getSetCookie()) {
    const [pair, ...attrs] = c.split(";");
    const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
    if (value === "" || attrs.some((a) => /max-age=0\b|expires=thu, 01 jan 1970/i.test(a.trim())))
      jar.delete(name);
    else jar.set(name, value);
  }
  return res;
}

async function signIn(persona: string): Promise<Jar> {
  const jar: Jar = new Map();
  const { csrfToken } = (await (await call("/csrf", jar)).json()) as { csrfToken: string };
  const res = await call("/callback/demo", jar, { csrfToken, persona });
  expect(res.status).toBe(302);
  expect([...jar.keys()]).toContain("authjs.session-token");
  return jar;
}

async function signOut(jar: Jar): Promise<void> {
  const { csrfToken } = (await (await call("/csrf", jar)).json()) as { csrfToken: string };
  await call("/signout", jar, { csrfToken });
}

/** What currentActor would make of this cookie: next-auth decodes it, then the session is checked. */
async function actorOf(jar: Jar) {
  const session = (await (await call("/session", new Map(jar))).json()) as SessionLike | null;
  if (!session?.user?.id) return null;
  return actorFromSession(session, services.sessions);
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "session-flow-test-secret-0123456789abcdef";
  for (const k of [
    "AUTH_OIDC_ISSUER",
    "AUTH_OIDC_CLIENT_ID",
    "AUTH_OIDC_CLIENT_SECRET",
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "SESSION_MAX_HOURS",
    "SESSION_IDLE_MINUTES",
  ])
    delete process.env[k];
  resetEnvForTests();
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, clock: () => new Date(now) });
  // The process's services (server/runtime.ts) are this test's: sign-in and sign-out reach this database.
  (globalThis as { __keyfleetServices?: Promise<Services> }).__keyfleetServices = Promise.resolve(services);
});
afterAll(async () => {
  delete (globalThis as { __keyfleetServices?: unknown }).__keyfleetServices;
  process.env = { ...saved };
  resetEnvForTests();
  await db.close();
});

describe("staff sessions through next-auth", () => {
  it("an old copy of the cookie is refused after sign-out", async () => {
    const browser = await signIn("demo-helpdesk");
    const copy = new Map(browser); // what an attacker lifted from the browser
    expect(await actorOf(copy)).toMatchObject({ id: "demo-helpdesk", roles: ["helpdesk"] });
    await signOut(browser);
    expect(browser.has("authjs.session-token")).toBe(false);
    expect(await actorOf(copy)).toBeNull();
    // Another person's session is untouched by that sign-out.
    const other = await signIn("demo-admin");
    expect(await actorOf(other)).toMatchObject({ id: "demo-admin" });
  });

  it("a token past its absolute lifetime is refused even if used a minute ago, and the session endpoint does not renew it", async () => {
    const signedIn = now;
    const jar = await signIn("demo-security");
    // Used every 20 minutes (well inside the idle timeout), the session endpoint re-issuing the cookie each time.
    while (now + 20 * MIN < signedIn + 8 * HOUR) {
      now += 20 * MIN;
      await call("/session", jar);
      expect(await actorOf(jar)).toMatchObject({ id: "demo-security" });
    }
    now = signedIn + 8 * HOUR + MIN;
    const res = await call("/session", jar);
    expect(await res.json()).toBeNull();
    expect(jar.has("authjs.session-token")).toBe(false); // and the endpoint clears the cookie
  });

  it("a session unused for longer than the idle timeout is refused", async () => {
    const jar = await signIn("demo-procurement");
    now += 29 * MIN;
    expect(await actorOf(jar)).toMatchObject({ id: "demo-procurement" });
    now += 31 * MIN;
    expect(await actorOf(jar)).toBeNull();
  });

  it("each sign-in is a new session: signing in again after sign-out works", async () => {
    const first = await signIn("demo-helpdesk-2");
    await signOut(first);
    const second = await signIn("demo-helpdesk-2");
    expect(await actorOf(second)).toMatchObject({ id: "demo-helpdesk-2" });
  });
});

describe("refused sign-in requests in the log", () => {
  it("a burst of posts without the CSRF token writes one line each, no stack trace, and signs nobody in", async () => {
    const lines: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const consoleLines: unknown[][] = [];
    const consoleError = vi
      .spyOn(console, "error")
      .mockImplementation((...args: unknown[]) => void consoleLines.push(args));
    const jars: Jar[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const jar: Jar = new Map();
        jars.push(jar);
        await call("/callback/demo", jar, { persona: "demo-admin" });
      }
    } finally {
      stderr.mockRestore();
      consoleError.mockRestore();
    }
    expect(consoleLines).toEqual([]); // next-auth's own multi-line logger stayed silent
    const refused = lines.filter((l) => l.includes("MissingCSRF"));
    expect(refused).toHaveLength(5);
    for (const line of refused) {
      expect(line.trimEnd().split("\n")).toHaveLength(1);
      expect(line).not.toMatch(/\bat \S+ \(/);
      expect(JSON.parse(line)).toMatchObject({
        level: "warn",
        message: "sign-in request refused",
        type: "MissingCSRF",
      });
    }
    expect(jars.every((jar) => !jar.has("authjs.session-token"))).toBe(true);
  });
});

describe("an Entra (OIDC) sign-in", () => {
  it("takes the roles afresh from this sign-in's ID token and starts a new session", async () => {
    Object.assign(process.env, {
      AUTH_OIDC_ISSUER: "https://login.example/tenant/v2.0",
      AUTH_OIDC_CLIENT_ID: "kf",
      AUTH_OIDC_CLIENT_SECRET: "s",
    });
    resetEnvForTests();
    try {
      const config = authConfig();
      const provider = (
        config.providers as unknown as {
          id: string;
          profile: (claims: Record<string, unknown>) => Record<string, unknown>;
        }[]
      )[0]!;
      expect(provider.id).toBe("oidc");
      const jwt = config.callbacks!.jwt! as unknown as (args: {
        token: Record<string, unknown>;
        user?: Record<string, unknown>;
      }) => Promise<Record<string, unknown> | null>;
      // Yesterday's session said admin; today's ID token says helpdesk only.
      const before = (await jwt({
        token: {},
        user: provider.profile({ oid: "oid-7", name: "Kim", roles: ["KeyFleet.Admin"] }),
      }))!;
      const after = (await jwt({
        token: { ...before },
        user: provider.profile({ oid: "oid-7", name: "Kim", roles: ["KeyFleet.Helpdesk"] }),
      }))!;
      expect(before.roles).toEqual(["admin"]);
      expect(after.roles).toEqual(["helpdesk"]);
      expect(after.sid).not.toBe(before.sid);
    } finally {
      for (const k of ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"])
        delete process.env[k];
      resetEnvForTests();
    }
  });
});
