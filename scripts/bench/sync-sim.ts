// bench:sync's simulated tenant: its own process (scripts/sim.ts), reached through the control API.
import { spawn } from "node:child_process";
import path from "node:path";

export interface SimInfo {
  baseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  controlUrl: string;
  controlToken: string;
}

/** One key of the tenant's ground truth (GET /_control/ground-truth). */
export interface Truth {
  serial: string;
  vendor: string;
  aaGuid: string;
  userId: string;
  credentialId: string | null;
  isPersonal: boolean;
  issuedAt: string;
  state: string;
}

export interface SimStats {
  requests: number;
  byRoute: Record<string, number>;
  throttledByRoute: Record<string, number>;
}

export type Control = <T>(method: string, p: string, body?: unknown) => Promise<T>;

export async function startSimProcess(
  root: string,
  o: { users: number; seed: number; port: string; throttling: string; dataDir: string },
): Promise<{ info: SimInfo; control: Control; stats: () => Promise<SimStats>; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "scripts/sim.ts"),
      ...["--users", String(o.users), "--seed", String(o.seed), "--port", o.port],
      ...["--throttling", o.throttling, "--report-lag", "0", "--data-dir", o.dataDir, "--json"],
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=4096" },
    },
  );
  const info = await new Promise<SimInfo>((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const line = buf.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as SimInfo);
    });
    child.on("exit", (code) => reject(new Error(`simulator exited (${code})`)));
  });
  const control: Control = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${info.controlUrl}/${p}`, {
      method,
      headers: { Authorization: `Bearer ${info.controlToken}`, "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`control ${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { info, control, stats: () => control<SimStats>("GET", "state"), stop: () => child.kill("SIGTERM") };
}
