// The simulated Entra tenant over HTTPS: Graph (/v1.0, /beta), the token endpoint, OpenID discovery,
// and a control API for tests and demos (/_control, its own bearer token, never a Graph route).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadOrCreateCa } from "./ca";
import { defaultRpId, type SimContext } from "./context";
import { type SimulatorControl, makeControl } from "./control";
import { handleControl } from "./control-http";
import {
  allPermissions,
  applyFaults,
  handleBatch,
  handleGraph,
  makeBuckets,
  noFaults,
  type DispatchState,
} from "./dispatch";
import type { TenantState } from "./model";
import { graphError, type SimRequest, type SimResponse } from "./odata";
import { seededRandom } from "./random";
import { createTenant } from "./tenant";
import { noThrottling, throttlingFor, type ThrottlingConfig, type ThrottlingMode } from "./throttle";
import { handleToken, openIdConfiguration, type TokenState } from "./token";

export interface StartSimulatorOptions {
  dataDir: string;
  users?: number;
  seed?: number;
  port?: number;
  host?: string;
  /** "documented" (default), "strict" (authentication methods in the 5-per-10-s bucket), "off", or bucket sizes. */
  throttling?: ThrottlingMode | ThrottlingConfig;
  tokenLifetimeSeconds?: number;
  reportLagMinutes?: number;
  /** Fixed credentials (random when absent). */
  clientId?: string;
  clientSecret?: string;
  /** PEM certificate of the app registration: client assertions signed by its key are accepted. */
  clientCertificatePem?: string;
  controlToken?: string;
  /** The RP id of creationOptions (default login.microsoftonline.com, as Graph). */
  rpId?: string;
  /** Use this tenant instead of generating one. */
  tenant?: TenantState;
}

export interface RunningSimulator {
  baseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  caPath: string;
  controlUrl: string;
  controlToken: string;
  tenant: TenantState;
  control: SimulatorControl;
  stop(): Promise<void>;
}

const json = (res: ServerResponse, r: SimResponse) => {
  const body = r.body === undefined ? "" : JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...(body ? { "Content-Type": "application/json; charset=utf-8" } : {}),
    ...r.headers,
  });
  res.end(body);
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startSimulator(options: StartSimulatorOptions): Promise<RunningSimulator> {
  const ca = await loadOrCreateCa(options.dataDir);
  const tenant =
    options.tenant ??
    createTenant({
      users: options.users ?? 400,
      seed: options.seed ?? 42,
      reportLagMinutes: options.reportLagMinutes,
    });
  if (options.reportLagMinutes !== undefined) tenant.reportLagMs = options.reportLagMinutes * 60_000;
  const clientId = options.clientId ?? "4b657946-6c65-4574-9b00-73696d756c61";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("base64url");
  const controlToken = options.controlToken ?? randomBytes(24).toString("base64url");
  const throttling =
    typeof options.throttling === "object"
      ? { ...noThrottling, ...options.throttling }
      : throttlingFor(options.throttling ?? "documented", tenant.users.length);

  const ctx: SimContext = {
    tenant,
    destructive: [],
    challenges: new Map(),
    pendingSerials: new Map(),
    webauthn: { rpId: options.rpId ?? defaultRpId, aaguidAliases: new Map() },
  };
  const state: DispatchState = {
    faults: noFaults(),
    granted: new Set(allPermissions),
    buckets: makeBuckets(throttling),
    random: seededRandom(tenant.seed + 1),
    stats: { requests: 0, throttled: 0, byRoute: new Map(), throttledByRoute: new Map() },
  };
  const tokens: TokenState = {
    clientId,
    clientSecret,
    tenantId: tenant.tenantId,
    lifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    certificatePem: options.clientCertificatePem,
    issued: new Map(),
    issuedCount: 0,
    rejectedCount: 0,
  };
  let origin = "";
  const control = makeControl(ctx, state, tokens, throttling);

  const dispatchInner = (inner: SimRequest): SimResponse => {
    const fault = applyFaults(state, inner);
    return fault.response ?? handleGraph(ctx, state, inner);
  };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const raw = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const segments = url.pathname.split("/").filter(Boolean);

    if (segments[0] === "_control") {
      const auth = req.headers.authorization ?? "";
      if (!safeEqual(auth, `Bearer ${controlToken}`))
        return json(res, { status: 401, body: { error: "control token required" } });
      return json(
        res,
        handleControl(
          control,
          method,
          segments.slice(1),
          url.searchParams,
          raw ? JSON.parse(raw) : undefined,
        ),
      );
    }

    const version = segments[0];
    if (version !== "v1.0" && version !== "beta") {
      if (
        segments[1] === "oauth2" &&
        segments[2] === "v2.0" &&
        segments[3] === "token" &&
        method === "POST"
      ) {
        return json(
          res,
          handleToken(
            tokens,
            segments[0] ?? "",
            new URLSearchParams(raw),
            `${origin}/${segments[0]}/oauth2/v2.0/token`,
          ),
        );
      }
      if (url.pathname.endsWith("/.well-known/openid-configuration"))
        return json(res, { status: 200, body: openIdConfiguration(origin, tenant.tenantId) });
      if (segments[1] === "discovery" && segments.at(-1) === "keys")
        return json(res, { status: 200, body: { keys: [] } });
      return json(res, { status: 404, body: { error: "not_found" } });
    }

    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ? tokens.issued.get(bearer) : undefined;
    if (!token || token.expiresAt <= Date.now()) {
      tokens.rejectedCount++;
      return json(
        res,
        graphError(
          401,
          "InvalidAuthenticationToken",
          !bearer
            ? "Access token is empty."
            : token
              ? "Lifetime validation failed, the token is expired."
              : "Access token validation failure. Invalid audience.",
        ),
      );
    }

    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return json(res, graphError(400, "BadRequest", "Unable to read JSON request payload."));
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const simReq: SimRequest = {
      method,
      version,
      path: `/${segments.slice(1).join("/")}`,
      query: url.searchParams,
      headers,
      body,
      origin,
    };
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
    if (simReq.path === "/$batch" && method === "POST") {
      const fault = applyFaults(state, simReq);
      if (fault.delayMs) await sleep(fault.delayMs);
      return json(res, fault.response ?? handleBatch(ctx, state, simReq, dispatchInner));
    }
    const fault = applyFaults(state, simReq);
    if (fault.delayMs) await sleep(fault.delayMs);
    json(res, fault.response ?? handleGraph(ctx, state, simReq));
  }

  const server: Server = createServer({ key: ca.serverKey, cert: ca.serverCert }, (req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        json(res, graphError(500, "generalException", `Simulator error: ${(e as Error)?.message ?? e}`));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host =
    options.host && options.host !== "127.0.0.1" && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  origin = `https://${host}:${port}`;
  return {
    baseUrl: origin,
    authorityHost: origin,
    tenantId: tenant.tenantId,
    clientId,
    clientSecret,
    caPath: ca.caPath,
    controlUrl: `${origin}/_control`,
    controlToken,
    tenant,
    control,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
