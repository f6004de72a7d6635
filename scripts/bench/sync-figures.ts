// bench:sync's figures: the throttle-bound minimum of the requests a run made, and one run's printout.
import type { ThrottlingConfig } from "../../server/graph/simulator/throttle";
import type { PortalRun } from "./sync-portal-run";

export type Routes = Record<string, number>;

const reportRoutes = [
  "listRegistrationDetails",
  "getRegistrationDetails",
  "listDirectoryAudits",
  "listSignIns",
];
const methodRoutes = ["listFido2Methods", "listTemporaryAccessPasses"];
/** Routes read a page at a time (each answered request is one page, not a user's methods). */
export const pageRoutes = [
  "usersDelta",
  "listRegistrationDetails",
  "listGroupMembers",
  "getTapPolicy",
  "getFido2Policy",
  "listDirectoryAudits",
  "listSignIns",
];

/** What a route answered without a 429 (the simulator counts a request before throttling it). */
export const answered = (routes: Routes, throttled: Routes, route: string) =>
  Math.max(0, (routes[route] ?? 0) - (throttled[route] ?? 0));

/**
 * The least time Graph's buckets allow for the requests that got through: each bucket starts full and
 * refills at capacity per window; the buckets run in parallel (reports, directory RU, and under strict the
 * users' authentication methods), so the bound is the slowest of them. 429s spend no quota.
 */
export function throttleBoundMs(
  throttle: Required<ThrottlingConfig>,
  routes: Routes,
  throttled: Routes,
): number {
  const ok = (route: string) => answered(routes, throttled, route);
  const sum = (names: string[]) => names.reduce((n, route) => n + ok(route), 0);
  const methods = sum(methodRoutes);
  const ru =
    ok("usersDelta") +
    ok("listGroupMembers") * 3 +
    ok("getTapPolicy") +
    ok("getFido2Policy") +
    ok("listGroups") +
    (throttle.authMethods ? 0 : methods);
  const time = (count: number, b: { capacity: number; windowMs: number } | null) =>
    b ? Math.max(0, count - b.capacity) * (b.windowMs / b.capacity) : 0;
  return Math.max(
    time(sum(reportRoutes), throttle.reports),
    time(ru, throttle.directory),
    throttle.authMethods ? time(methods, throttle.authMethods) : 0,
  );
}

export const diff = (a: Routes, b: Routes): Routes =>
  Object.fromEntries(
    Object.keys(a)
      .map((k) => [k, (a[k] ?? 0) - (b[k] ?? 0)])
      .filter(([, v]) => (v as number) > 0),
  ) as Routes;

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface Measured {
  run: PortalRun;
  routes: Routes;
  throttledRoutes: Routes;
  /** Wall time on the portal's Graph clock: real time plus the skipped part of the waits. */
  wallMs: number;
  boundMs: number;
  ratio: number | null;
}

export function printRun(label: string, m: Measured, o: { users: number; scale: number; embedded: boolean }) {
  const { summary: r, memory } = m.run;
  const pending =
    r.status === "partial" ? `, ${r.pendingUsers} users still to read, ${r.failedUsers} failed` : "";
  const pages = pageRoutes.reduce((n, route) => n + answered(m.routes, m.throttledRoutes, route), 0);
  const inner = answered(m.routes, m.throttledRoutes, "listFido2Methods");
  console.log(`\n${label}: ${r.status} (${r.kind})${pending}`);
  console.log(
    `  Graph requests     ${r.requests} HTTP (${(r.requests / o.users).toFixed(4)} per user): ${pages} pages, ${r.requests - pages} $batch envelopes and retries; throttled ${r.throttled}`,
  );
  console.log(`  FIDO2 reads        ${inner} users' methods read (inner requests answered)`);
  console.log(`  by route           ${JSON.stringify(m.routes)}`);
  console.log(`  429 by route       ${JSON.stringify(m.throttledRoutes)}`);
  const clock =
    o.scale === 1 ? "" : ` (${s(m.run.wallMs)} real; waits run ${o.scale}× faster and count whole)`;
  console.log(
    `  wall time          ${s(m.wallMs)}${clock}; throttle-bound minimum ${s(m.boundMs)}; ratio ${m.ratio === null ? "n/a" : m.ratio.toFixed(2)}`,
  );
  const engine = o.embedded ? " and the embedded database engine" : "";
  console.log(
    `  peak RSS (portal)  ${mb(memory.peak.rss)}; ${mb(memory.before.rss)} before the run (runtime, Prisma, the database client${engine})`,
  );
  const steps = Object.entries(memory.steps)
    .map(([k, v]) => `${k} ${mb(v)}`)
    .join(", ");
  console.log(`  RSS at start-up    ${steps}`);
  console.log(
    `  JS heap            peak ${mb(memory.peak.heapUsed)} used / ${mb(memory.peak.heapTotal)} committed (${mb(memory.before.heapUsed)} before); external peak ${mb(memory.peak.external)} (array buffers ${mb(memory.peak.arrayBuffers)})`,
  );
  const phases = Object.entries(memory.phases)
    .map(([p, rss]) => `${p} ${mb(rss)}`)
    .join(", ");
  console.log(`  peak RSS by phase  ${phases}`);
  console.log(
    `  mirror             ${r.users} users, ${r.credentials} credentials; +${r.added} ~${r.changed} -${r.removed}; matched ${r.matched}, review ${r.reviewQueued}`,
  );
  if (r.errors.length) console.log(`  errors             ${JSON.stringify(r.errors.slice(0, 3))}`);
  return { pages, inner };
}
