// Tests only: the real CLI (`npm run cli -- …`), or another server-side entry, as a child process that
// can be killed without warning, the way a crash or an OOM kill ends a server — no finally blocks, no
// exit handlers, no last writes.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, type Database } from "../db/client";
import { createPgliteDataDir, createTestDatabase } from "../db/testing";
import { getEnv } from "../env";
import type { RunningSimulator } from "../graph/simulator/server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  /** Resolves when the process has ended, however it ended. */
  exited: Promise<CliExit>;
  isRunning(): boolean;
  /** What it printed on stdout so far. */
  output(): string;
  /** SIGKILL, then wait until it is gone. */
  kill(): Promise<CliExit>;
}

/** The operator's own configuration must not reach the child: it gets exactly `env` on top of the basics. */
function baseEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(AUTH_|AZURE_|DATABASE_|GRAPH_|KEYFLEET_|SIM_|SYNC_|NEXTAUTH_|VITEST)/.test(k))
      out[k] = v;
  }
  return out;
}

const running = new Set<CliProcess>();

/** Kills every process this test file started that is still running (for afterAll / afterEach). */
export async function killAllCli(): Promise<void> {
  await Promise.all([...running].map((c) => c.kill()));
}

/** One `keyfleet <args>` process (see spawnEntry). */
export const spawnCli = (args: string[], env: Record<string, string>): CliProcess =>
  spawnEntry("server/cli/main.ts", args, env);

/**
 * One process running `entry` (a TypeScript file in the repository, e.g. the CLI's main.ts). Node runs
 * it directly (not through the tsx launcher, which would leave a grandchild behind when the launcher is
 * killed), so a kill ends the process itself.
 */
export function spawnEntry(entry: string, args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, entry), ...args],
    {
      cwd: ROOT,
      env: { ...baseEnv(), NODE_ENV: "production", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<CliExit>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const cli: CliProcess = {
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    output: () => stdout,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return exited;
    },
  };
  running.add(cli);
  void exited.then(() => running.delete(cli));
  return cli;
}

/** Polls `condition` until it holds; fails early when the process ends first (it finished before the kill). */
export async function whileRunning(
  cli: CliProcess,
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (!cli.isRunning()) {
      const e = await cli.exited;
      throw new Error(`the CLI ended (${e.code ?? e.signal}) before ${what}:\n${e.stdout}\n${e.stderr}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface ChildDatabase {
  /** What the child needs to open this database. */
  env: Record<string, string>;
  /** Opens it here to look (PGlite: only while no child has it open — one process at a time). */
  use<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A database that a child process and this test both open: a fresh PostgreSQL schema when DATABASE_URL
 * is set, otherwise an on-disk PGlite in a temporary data dir (what demo mode runs on).
 */
export async function childDatabase(): Promise<ChildDatabase> {
  const url = getEnv().DATABASE_URL;
  if (url) {
    const db = await createTestDatabase({ url });
    return {
      env: { DATABASE_URL: url, DATABASE_SCHEMA: db.name },
      use: (fn) => fn(db),
      close: () => db.close(),
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "keyfleet-child-"));
  await createPgliteDataDir(dataDir);
  return {
    env: { KEYFLEET_DATA_DIR: dataDir },
    async use(fn) {
      const db = await createDatabase({ dataDir });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** The environment that points a child's Graph adapter at this simulated tenant (CA trusted). */
export function simulatorEnv(sim: RunningSimulator): Record<string, string> {
  return {
    GRAPH_BASE_URL: sim.baseUrl,
    AZURE_AUTHORITY_HOST: sim.authorityHost,
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: sim.clientId,
    AZURE_CLIENT_SECRET: sim.clientSecret,
    NODE_EXTRA_CA_CERTS: sim.caPath,
  };
}
