import type { Env } from "@/server/env";

// Which mode is really running, from the validated environment. "Entra configured" is not the same as
// "talking to Microsoft": GRAPH_BASE_URL may point at the simulated tenant (`npm run sim`) or another
// Graph-compatible server, and demo sign-in may sit beside a real tenant. /api/health and the sidebar
// should say this rather than guess from one variable.

/** Microsoft Graph's global and national-cloud hosts. */
const MICROSOFT_GRAPH_HOSTS = new Set([
  "graph.microsoft.com",
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "microsoftgraph.chinacloudapi.cn",
]);

export interface RunningMode {
  /** demo: simulated tenant and demo sign-in; production: Microsoft Graph and an identity provider; mixed: anything else. */
  mode: "demo" | "production" | "mixed";
  signIn: "demo" | "oidc";
  /** simulated: the in-process simulated tenant; microsoft: Microsoft Graph; compatible: another Graph-compatible server. */
  graph: "simulated" | "microsoft" | "compatible" | "unconfigured";
  /** The Graph host for microsoft / compatible; null otherwise. */
  graphHost: string | null;
  database: "pglite" | "postgresql";
  /** One sentence for a person. */
  summary: string;
}

type ModeEnv = Pick<Env, "isDemo" | "graphMode" | "database" | "GRAPH_BASE_URL">;

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

export function runningMode(env: ModeEnv): RunningMode {
  const signIn = env.isDemo ? "demo" : "oidc";
  const host = env.graphMode === "entra" ? (hostOf(env.GRAPH_BASE_URL) ?? "graph.microsoft.com") : null;
  const graph: RunningMode["graph"] =
    env.graphMode === "simulated"
      ? "simulated"
      : env.graphMode === "unconfigured"
        ? "unconfigured"
        : MICROSOFT_GRAPH_HOSTS.has(host!)
          ? "microsoft"
          : "compatible";
  const mode =
    signIn === "demo" && graph === "simulated"
      ? "demo"
      : signIn === "oidc" && graph === "microsoft"
        ? "production"
        : "mixed";
  const tenant = {
    simulated: "the simulated tenant",
    microsoft: `your Entra tenant through Microsoft Graph (${host})`,
    compatible: `a Graph-compatible server at ${host}, not Microsoft Graph`,
    unconfigured: "no tenant (the Graph app registration is not configured)",
  }[graph];
  const who = signIn === "demo" ? "demo personas sign in" : "staff sign in with the identity provider";
  const db = env.database === "postgresql" ? "PostgreSQL" : "the embedded database";
  const summary = `${mode === "demo" ? "Demo mode" : mode === "production" ? "Production mode" : "Mixed mode"}: ${tenant}; ${who}; data in ${db}.`;
  return { mode, signIn, graph, graphHost: host, database: env.database, summary };
}
