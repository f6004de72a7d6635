// The machine a bench ran on, for docs/BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../ensure-build";

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  os: string;
  node: string;
  postgres: string;
  pglite: string;
  /** 1-, 5- and 15-minute load averages. */
  load: string;
}

function quiet(fn: () => string): string {
  try {
    return fn().trim();
  } catch {
    return "unknown";
  }
}

export function machine(): Machine {
  const release = quiet(
    () => readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]+)/m)?.[1] ?? os.type(),
  );
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${release} (${os.release()})`,
    node: process.version,
    // The server the benches use by default (127.0.0.1:5432).
    postgres: quiet(() =>
      execFileSync(
        "psql",
        ["-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-Atc", "SHOW server_version"],
        { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
      ),
    ),
    pglite: quiet(
      () =>
        (
          JSON.parse(
            readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
          ) as { version: string }
        ).version,
    ),
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / "),
  };
}
