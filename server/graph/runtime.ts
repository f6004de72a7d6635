import "server-only";
import path from "node:path";
import type { Env } from "@/server/env";
import { logger } from "@/server/lib/logger";
import { createGraphAdapter } from "./adapter";
import type { GraphPort } from "./port";
import { unconfiguredGraph } from "./unconfigured";

export interface GraphRuntime {
  /** Never null: with no tenant configured, a port whose every call says what to configure. */
  graph: GraphPort;
  mode: Env["graphMode"];
  /** Demo only: the in-process simulated tenant, stopped with the server. */
  simulator?: Awaited<ReturnType<typeof import("./simulator").startSimulator>>;
}

/**
 * Points the one Graph adapter where configuration says: a real tenant, or — in demo mode — the
 * simulated tenant started here over https (trusted through NODE_EXTRA_CA_CERTS, set by `npm start`).
 */
export async function startGraph(env: Env): Promise<GraphRuntime> {
  if (env.graphMode === "entra") {
    const graph = createGraphAdapter(
      {
        baseUrl: env.GRAPH_BASE_URL,
        authorityHost: env.AZURE_AUTHORITY_HOST,
        tenantId: env.AZURE_TENANT_ID!,
        clientId: env.AZURE_CLIENT_ID!,
        clientSecret: env.AZURE_CLIENT_SECRET,
        certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH,
      },
      { logger, fido2Version: env.GRAPH_FIDO2_BETA ? "beta" : "v1.0" },
    );
    return { graph, mode: "entra" };
  }
  if (env.graphMode === "simulated") {
    const { startSimulator } = await import("./simulator");
    const simulator = await startSimulator({
      dataDir: path.resolve(env.KEYFLEET_DATA_DIR),
      users: env.SIM_USERS,
      seed: env.SIM_SEED,
      port: env.SIM_PORT,
      controlToken: env.SIM_CONTROL_TOKEN,
    });
    const graph = createGraphAdapter(
      {
        baseUrl: simulator.baseUrl,
        authorityHost: simulator.authorityHost,
        tenantId: simulator.tenantId,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
      },
      { logger, fido2Version: env.GRAPH_FIDO2_BETA ? "beta" : "v1.0" },
    );
    logger.info("simulated tenant started", { baseUrl: simulator.baseUrl, users: env.SIM_USERS });
    return { graph, mode: "simulated", simulator };
  }
  return { graph: unconfiguredGraph(), mode: "unconfigured" };
}
