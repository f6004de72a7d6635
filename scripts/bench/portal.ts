// The built portal (`next start`, as in production) for the HTTP benches, and a signed-in session for
// each simulated agent — through the portal's own demo sign-in, the way a browser gets its cookie.
import { startNext, type RunningServer } from "../../e2e/support/servers";
import { ensureBuild } from "../ensure-build";
import { nodeOptionsOf, portalNodeFlagsFor } from "../portal-node-flags";

export interface Portal extends RunningServer {
  /** 127.0.0.1 rather than localhost: one address family, no lookups in the measurements. */
  origin: string;
}

/**
 * Builds when needed, then starts the portal on PostgreSQL with the Node flags `npm start` gives it. Demo mode
 * (demo sign-in, a small simulated tenant nobody syncs from during the bench: the scheduled sync would
 * delete the seeded directory).
 */
export async function startPortal(
  name: string,
  db: { url: string; schema: string },
  extraEnv: Record<string, string> = {},
  /** Worker processes on the one port, as `npm start` runs them (scripts/start.ts); 1 = plain `next start`. */
  workers = 1,
): Promise<Portal> {
  ensureBuild();
  const viaNpmStart = () => ["--import", "tsx", "scripts/start.ts"];
  const server = await startNext(
    name,
    {
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
      SIM_USERS: "50",
      SYNC_INTERVAL_MINUTES: "1440",
      // One worker runs as plain `next start`, which takes its flags from NODE_OPTIONS; workers get them all.
      NODE_OPTIONS: nodeOptionsOf(portalNodeFlagsFor({ DATABASE_URL: db.url })),
      // The bench plays the reverse proxy (see signIn): the portal trusts its X-Forwarded-For.
      TRUST_PROXY: "true",
      ...(workers > 1
        ? { WEB_CONCURRENCY: String(workers), HOST: "127.0.0.1", KEYFLEET_SKIP_BUILD: "1" }
        : {}),
      ...extraEnv,
    },
    undefined,
    workers > 1 ? viaNpmStart : undefined,
  );
  return { ...server, origin: server.url.replace("//localhost:", "//127.0.0.1:") };
}

const setCookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

/**
 * Signs in as a demo persona and returns the Cookie header that carries the session. `desk` stands for
 * the agent's own address: sign-in is rate-limited per client address (server/security/rate-limit.ts),
 * and fifty agents are fifty desks, not one. The bench plays the reverse proxy that would add it.
 */
export async function signIn(origin: string, personaId: string, desk = 1): Promise<string> {
  const address = { "x-forwarded-for": `10.64.${Math.floor(desk / 250)}.${1 + (desk % 250)}` };
  const csrf = await fetch(`${origin}/api/auth/csrf`, { headers: address });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = setCookies(csrf);
  const res = await fetch(`${origin}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { ...address, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, persona: personaId, callbackUrl: "/" }),
  });
  const session = setCookies(res).find((c) => /session-token=/.test(c));
  if (!session)
    throw new Error(
      `demo sign-in as ${personaId} failed: HTTP ${res.status} ${res.headers.get("location") ?? ""}`,
    );
  return session;
}
