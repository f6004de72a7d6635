import { spawn } from "node:child_process";
import { ensureSimulatorCa } from "../../server/graph/simulator/ca";

/**
 * Runs `main` in a process that trusts the simulated tenant's CA. Node reads NODE_EXTRA_CA_CERTS only at
 * start, so when it is not set to the CA yet this script runs itself again with it set, and exits as the
 * child does.
 */
export async function trustingSimulatorCa(dataDir: string, main: () => Promise<void>): Promise<void> {
  const caPath = await ensureSimulatorCa(dataDir);
  if (process.env.NODE_EXTRA_CA_CERTS === caPath) return main();
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath },
  });
  child.on("exit", (code) => process.exit(code ?? 1));
}
