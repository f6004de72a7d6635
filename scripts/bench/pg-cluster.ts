// A private, throwaway PostgreSQL server for benches that stop and start it: the machine's own cluster
// (and every test running against it) is never touched. Uses the installed server binaries; initdb
// refuses to run as root, so as root the cluster belongs to the `postgres` user.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../e2e/support/servers";

export interface PgCluster {
  url: string;
  port: number;
  version: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes the data directory. */
  destroy(): Promise<void>;
}

const BASE = "/usr/lib/postgresql";
const installed = () =>
  existsSync(BASE)
    ? readdirSync(BASE)
        .filter((v) => existsSync(path.join(BASE, v, "bin/pg_ctl")))
        .sort((a, b) => Number(b) - Number(a))
    : [];

/** Whether a private server can be started here (the PostgreSQL server package is installed). */
export const hasPostgresServer = () => installed().length > 0;

function binDir(): { dir: string; version: string } {
  const [version] = installed();
  if (!version)
    throw new Error(`No PostgreSQL server binaries under ${BASE}: install the postgresql package.`);
  return { dir: path.join(BASE, version, "bin"), version };
}

export async function startPgCluster(): Promise<PgCluster> {
  const { dir, version } = binDir();
  const root = mkdtempSync(path.join(os.tmpdir(), "keyfleet-pg-"));
  chmodSync(root, 0o777);
  const data = path.join(root, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  // Asynchronous on purpose: a bench measuring requests must not freeze while the server stops.
  const run = async (bin: string, args: string[]) =>
    void (await promisify(execFile)(
      asRoot ? "runuser" : path.join(dir, bin),
      asRoot ? ["-u", "postgres", "--", path.join(dir, bin), ...args] : args,
      { cwd: root },
    ));
  await run("initdb", ["-D", data, "--auth=trust", "--username=postgres", "--no-sync", "-E", "UTF8"]);
  const opts = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () =>
    run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(root, "server.log"), "-w", "start"]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  await start();
  let destroyed = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    version,
    start,
    stop,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await stop().catch(() => undefined); // already stopped
      rmSync(root, { recursive: true, force: true });
    },
  };
}
