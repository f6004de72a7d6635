import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureSimulatorCa } from "../../server/graph/simulator/ca";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
export const LOG_DIR = path.join(ROOT, "test-results/e2e-logs");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Where a test server keeps its data (relative to ROOT): its database and the simulated tenant's CA. */
export const demoDataDir = (name: string) => path.join(".data", `e2e-${name}`);

export interface RunningServer {
  name: string;
  url: string;
  /** The server's process id, which is also its process group's (it and whatever it started). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * `next start` on the already-built app, in its own fresh data dir (removed first), on a free port.
 * Its output goes to test-results/e2e-logs/<name>.log. Resolves once /api/health answers.
 */
export async function startNext(
  name: string,
  env: Record<string, string>,
  fixedPort?: number,
  /** Node arguments that start the server on `PORT` (default: `next start -p <port> -H 127.0.0.1`). */
  argv?: (port: number) => string[],
): Promise<RunningServer> {
  const port = fixedPort ?? (await freePort());
  // Public URL on "localhost": Next's NextURL rewrites 127.0.0.1 to localhost, so next-auth builds its
  // callback URLs on localhost whatever we use; the browser must use the same origin for cookies.
  const url = `http://localhost:${port}`;
  const probe = `http://127.0.0.1:${port}`;
  const dataDir = demoDataDir(name);
  rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`));
  // Demo servers start the simulated tenant; as `npm start` does, trust its CA from process start.
  const isDemoTenant = !env.AUTH_OIDC_CLIENT_ID && !env.AZURE_TENANT_ID;
  const trust = isDemoTenant
    ? { NODE_EXTRA_CA_CERTS: await ensureSimulatorCa(path.join(ROOT, dataDir)) }
    : {};
  const child: ChildProcess = spawn(
    process.execPath,
    argv?.(port) ?? [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: {
        ...cleanEnv(),
        NODE_ENV: "production",
        KEYFLEET_DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: "warn",
        ...trust,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // own process group, so stop() ends next and anything it started
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: string | null = null;
  child.once("exit", (code, signal) => (exited = `exited (${code ?? signal})`));

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const gone = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited)
      throw new Error(
        `${name} server ${exited} before it was ready; see ${path.join(LOG_DIR, `${name}.log`)}`,
      );
    try {
      const res = await fetch(`${probe}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${name} server did not become healthy within 120 s; see ${path.join(LOG_DIR, `${name}.log`)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // Warm the sign-in page so the first test does not pay for module loading.
  await fetch(`${probe}/signin`).catch(() => undefined);
  return { name, url, pid: child.pid!, stop };
}

/** The developer's own configuration must not leak into a test server. */
function cleanEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(AUTH_|AZURE_|DATABASE_|GRAPH_|KEYFLEET_|SIM_|NEXTAUTH_)/.test(k)) continue;
    out[k] = v;
  }
  return out;
}
