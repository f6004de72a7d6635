import type { Env } from "@/server/env";
import { runningMode } from "@/server/mode";

// What the portal is really connected to, in words for the sidebar note and the warning banner: the
// note once said "Simulated tenant" while Graph was a real endpoint.

export interface RunModes {
  /** "Demo personas" or the identity provider's name. */
  signIn: string;
  /** "Simulated tenant", "Real endpoint at <GRAPH_BASE_URL>" or "Not configured". */
  graph: string;
  /** Show the sidebar's "Demo mode" note: anyone can sign in as any persona. */
  isDemo: boolean;
  /** Demo personas in front of a real tenant: the red banner on every page says so. */
  banner: string | null;
}

export function runModes(
  env: Pick<
    Env,
    "isDemo" | "graphMode" | "database" | "GRAPH_BASE_URL" | "AUTH_OIDC_NAME" | "isDemoSignInOnRealTenant"
  >,
): RunModes {
  // One classification of the Graph endpoint (server/mode.ts, also behind /api/health and Settings).
  const kind = runningMode(env).graph;
  const graph =
    kind === "simulated"
      ? "Simulated tenant"
      : kind === "unconfigured"
        ? "Not configured"
        : `Real endpoint at ${env.GRAPH_BASE_URL}`;
  return {
    signIn: env.isDemo ? "Demo personas" : `OIDC (${env.AUTH_OIDC_NAME})`,
    graph,
    isDemo: env.isDemo,
    banner: env.isDemoSignInOnRealTenant
      ? `Demo sign-in is on against a real tenant (Graph: ${env.GRAPH_BASE_URL}). Anyone who reaches this portal can sign in as Administrator and change real accounts. Configure an identity provider (AUTH_OIDC_*) before anyone but testers uses it.`
      : null,
  };
}
