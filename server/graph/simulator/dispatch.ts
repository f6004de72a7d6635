// One Graph request (top-level or inside a $batch) through faults, permissions, throttling and the route.
import type { Route, SimContext } from "./context";
import { graphError, type Json, type SimRequest, type SimResponse } from "./odata";
import { directoryRoutes } from "./routes-directory";
import { fido2Routes } from "./routes-fido2";
import { methodRoutes } from "./routes-methods";
import { policyRoutes } from "./routes-policies";
import { auditRoutes } from "./routes-audits";
import { reportRoutes } from "./routes-reports";
import { leverRoutes } from "./routes-levers";
import { benchClockHeader } from "../time-scale";
import { resourceUnits, TokenBucket, type BucketSpec, type ThrottlingConfig } from "./throttle";

// Every Graph route the simulated tenant serves. New simulator behaviour goes in a new routes-*.ts file
// (exporting a Route[]) and is registered here, one line; the first route whose method and pattern match wins.
export const routes: Route[] = [
  ...directoryRoutes,
  ...fido2Routes,
  ...methodRoutes,
  ...reportRoutes,
  ...auditRoutes,
  ...policyRoutes,
  ...leverRoutes,
];

export interface FaultRule {
  /** Matches when the method (if given) is equal and the path (after the version) contains this. */
  method?: string;
  pathIncludes: string;
  status: number;
  /** How many matching requests fail; afterwards the rule is spent. Default 1. */
  times?: number;
  /** Seconds for Retry-After; null or absent = no header. */
  retryAfter?: number | null;
  /** Delay before answering (ms), e.g. to trigger client timeouts. */
  delayMs?: number;
}

export interface Faults {
  latencyMs: number;
  /** Share of requests answered 503. */
  errorRate: number;
  /** Share of requests answered 429. */
  throttleRate: number;
  throttleRetryAfterSeconds: number | null;
  rules: FaultRule[];
}

export const noFaults = (): Faults => ({
  latencyMs: 0,
  errorRate: 0,
  throttleRate: 0,
  throttleRetryAfterSeconds: 1,
  rules: [],
});

export interface DispatchState {
  faults: Faults;
  granted: Set<string>;
  buckets: {
    reports: TokenBucket | null;
    directory: TokenBucket | null;
    writes: TokenBucket | null;
    authMethods: TokenBucket | null;
    /** "now" comes from the request's bench clock header (throttle.ts, ThrottlingConfig.benchClock). */
    benchClock: boolean;
  };
  random: () => number;
  /** byRoute counts every request a route received; throttledByRoute those of them answered 429 by a bucket. */
  stats: {
    requests: number;
    throttled: number;
    byRoute: Map<string, number>;
    throttledByRoute: Map<string, number>;
  };
}

export function makeBuckets(config: Required<ThrottlingConfig>): DispatchState["buckets"] {
  const bucket = (spec: BucketSpec | null) => (spec ? new TokenBucket(spec) : null);
  return {
    benchClock: config.benchClock,
    reports: bucket(config.reports),
    directory: bucket(config.directory),
    writes: bucket(config.writes),
    authMethods: bucket(config.authMethods),
  };
}

export const allPermissions = [
  "User.Read.All",
  "GroupMember.Read.All",
  "AuditLog.Read.All",
  "Directory.Read.All",
  "UserAuthMethod-Passkey.ReadWrite.All",
  "UserAuthMethod-TAP.ReadWrite.All",
  "UserAuthenticationMethod.ReadWrite.All",
  "Policy.ReadWrite.AuthenticationMethod",
  "User.RevokeSessions.All",
  "Policy.Read.All",
  "Mail.Send",
];

function throttled(retryAfter: number | null, scope: string): SimResponse {
  const headers: Record<string, string> = {
    "x-ms-throttle-scope": scope,
    "x-ms-throttle-information": "ResourceUnitLimitExceeded",
  };
  if (retryAfter !== null) headers["Retry-After"] = String(retryAfter);
  return graphError(429, "TooManyRequests", "Please retry again later.", headers);
}

/** Returns the delay (ms) a fault asks for, and the response when a fault answers instead of the route. */
export function applyFaults(
  state: DispatchState,
  req: SimRequest,
): { delayMs: number; response?: SimResponse } {
  const f = state.faults;
  for (const rule of f.rules) {
    if ((rule.times ?? 1) <= 0) continue;
    if (rule.method && rule.method.toUpperCase() !== req.method) continue;
    if (!req.path.includes(rule.pathIncludes)) continue;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.status === 429)
      return {
        delayMs: rule.delayMs ?? 0,
        response: throttled(rule.retryAfter ?? null, "Tenant_Application/ReadWrite"),
      };
    if (rule.status === 0) return { delayMs: rule.delayMs ?? 0 }; // delay only
    const headers = rule.retryAfter != null ? { "Retry-After": String(rule.retryAfter) } : undefined;
    const code =
      rule.status === 403
        ? "Authorization_RequestDenied"
        : rule.status === 404
          ? "Request_ResourceNotFound"
          : rule.status >= 500
            ? "serviceNotAvailable"
            : "badRequest";
    return {
      delayMs: rule.delayMs ?? 0,
      response: graphError(rule.status, code, `Simulated fault (${rule.status}).`, headers),
    };
  }
  if (f.throttleRate > 0 && state.random() < f.throttleRate)
    return { delayMs: 0, response: throttled(f.throttleRetryAfterSeconds, "Tenant_Application/ReadWrite") };
  if (f.errorRate > 0 && state.random() < f.errorRate)
    return {
      delayMs: 0,
      response: graphError(503, "serviceNotAvailable", "The service is temporarily unavailable."),
    };
  return { delayMs: 0 };
}

const authMethodPath = /^\/users\/[^/]+\/authentication\//;

export function handleGraph(ctx: SimContext, state: DispatchState, req: SimRequest): SimResponse {
  state.stats.requests++;
  let matched: { route: Route; params: string[] } | undefined;
  let pathMatched = false;
  for (const route of routes) {
    const m = req.path.match(route.pattern);
    if (!m) continue;
    pathMatched = true;
    if (route.method === req.method) {
      matched = { route, params: m.slice(1).map((p) => p ?? "") };
      break;
    }
  }
  if (!matched) {
    return pathMatched
      ? graphError(
          405,
          "Request_BadRequest",
          `The HTTP method '${req.method}' is not allowed for this resource.`,
        )
      : graphError(
          400,
          "BadRequest",
          `Resource not found for the segment '${req.path.split("/").filter(Boolean)[0] ?? ""}'.`,
        );
  }
  const { route, params } = matched;
  state.stats.byRoute.set(route.name, (state.stats.byRoute.get(route.name) ?? 0) + 1);
  const allowed = route.permissions.some((alt) => alt.split("+").every((p) => state.granted.has(p)));
  if (!allowed)
    return graphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    );
  const benchNow = state.buckets.benchClock ? Number(req.headers[benchClockHeader]) : NaN;
  const now = Number.isFinite(benchNow) ? benchNow : Date.now();
  // Strict throttling: a user's authentication methods are counted like a report (throttle.ts).
  const asReport = state.buckets.authMethods !== null && authMethodPath.test(req.path);
  const bucket = asReport
    ? state.buckets.authMethods
    : route.bucket === "reports"
      ? state.buckets.reports
      : route.bucket === "directory"
        ? state.buckets.directory
        : null;
  const cost = route.bucket === "directory" && !asReport ? resourceUnits(route.cost, req.query) : 1;
  const wait = bucket ? bucket.take(cost, now) : 0;
  if (wait > 0) {
    state.stats.throttled++;
    state.stats.throttledByRoute.set(route.name, (state.stats.throttledByRoute.get(route.name) ?? 0) + 1);
    return throttled(
      wait,
      asReport || route.bucket === "reports" ? "Tenant_Application/Read" : "Tenant_Application/ReadWrite",
    );
  }
  if (req.method !== "GET" && state.buckets.writes) {
    const w = state.buckets.writes.take(1, now);
    if (w > 0) {
      state.stats.throttled++;
      return throttled(w, "Tenant_Application/Write");
    }
  }
  const res = route.handle(ctx, req, params);
  return {
    ...res,
    headers: {
      ...(route.bucket === "directory" ? { "x-ms-resource-unit": String(cost) } : {}),
      ...res.headers,
    },
  };
}

/** $batch: at most 20 requests, each dispatched on its own, answered in a shuffled order. */
export function handleBatch(
  ctx: SimContext,
  state: DispatchState,
  req: SimRequest,
  dispatchInner: (inner: SimRequest) => SimResponse,
): SimResponse {
  const body = req.body as { requests?: unknown } | undefined;
  if (!body || !Array.isArray(body.requests))
    return graphError(400, "BadRequest", "Invalid batch payload format.");
  const requests = body.requests as Json[];
  if (requests.length === 0 || requests.length > 20) {
    return graphError(
      400,
      "BadRequest",
      `Invalid batch payload: the number of requests (${requests.length}) must be between 1 and 20.`,
    );
  }
  const ids = new Set<string>();
  for (const r of requests) {
    if (
      typeof r.id !== "string" ||
      ids.has(r.id) ||
      typeof r.url !== "string" ||
      typeof r.method !== "string"
    ) {
      return graphError(
        400,
        "BadRequest",
        "Invalid batch payload: every request needs a unique id, a method and a url.",
      );
    }
    ids.add(r.id);
  }
  const responses = requests.map((r) => {
    const url = new URL(`https://x/${String(r.url).replace(/^\//, "")}`);
    const inner: SimRequest = {
      ...req,
      method: String(r.method).toUpperCase(),
      path: url.pathname.replace(/\/+$/, ""),
      query: url.searchParams,
      body: r.body,
    };
    const res = /^\/(v1\.0|beta)\//.test(inner.path)
      ? graphError(400, "BadRequest", "Batch request URLs must be relative to the version.")
      : dispatchInner(inner);
    return {
      id: r.id,
      status: res.status,
      headers: { "Content-Type": "application/json", ...res.headers },
      body: res.body,
    };
  });
  for (let i = responses.length - 1; i > 0; i--) {
    const j = Math.floor(state.random() * (i + 1));
    [responses[i], responses[j]] = [responses[j]!, responses[i]!];
  }
  return { status: 200, body: { responses } };
}
