// Helpers for tests that run against the simulated tenant.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGraphAdapter, type GraphAdapterOptions } from "../adapter";
import type { GraphPort } from "../port";
import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from "./server";

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
