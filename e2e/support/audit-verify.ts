import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./servers";

/**
 * `keyfleet audit verify` on a stopped test server's embedded database: after the whole suite has
 * written to it, the hash chain must still hold, and match every `audit.checkpoint` the server logged
 * (`checkpointLog`, its stderr). Throws (failing the run) with the CLI's verdict, which names the break.
 */
export function verifyAuditTrail(dataDir: string, checkpointLog?: string): string {
  const args = [
    "--conditions=react-server",
    "server/cli/main.ts",
    "audit",
    "verify",
    ...(checkpointLog ? ["--checkpoints", checkpointLog] : []),
  ];
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, KEYFLEET_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.status !== 0)
    throw new Error(`audit verify failed on ${dataDir} (exit ${result.status ?? result.signal}):\n${output}`);
  return output;
}
