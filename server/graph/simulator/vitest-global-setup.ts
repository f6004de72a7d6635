// vitest globalSetup: make the simulator's CA before the test workers start, and trust it through
// NODE_EXTRA_CA_CERTS, which Node reads only at process start (workers are forked after this runs).
import { ensureSimulatorCa } from "./ca";
import { testDataDir } from "./testing";

export default async function setup(): Promise<void> {
  process.env.NODE_EXTRA_CA_CERTS = await ensureSimulatorCa(testDataDir);
}
