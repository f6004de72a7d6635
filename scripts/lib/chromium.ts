// Finds the Chromium that Playwright drives (end-to-end tests, browser benchmarks), or provides Debian's,
// so the README's `npm test` needs nothing done first. Playwright never downloads a browser here: the
// machines reach only the npm registry and Debian's packages.
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Headless, and quiet on a closed network (without the background-networking flags Chromium keeps
 * trying to reach Google's hosts, and the machine refuses each attempt). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser Playwright launches: `CHROMIUM_PATH` when set, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEBIAN_CHROMIUM;
}

export type ChromiumCheck = { ok: true; path: string; installed: boolean } | { ok: false; message: string };

export interface ChromiumDeps {
  env: { CHROMIUM_PATH?: string; CHROMIUM_INSTALL?: string };
  /** The binary starts and answers `--version`. */
  runs(binary: string): boolean;
  /** Root, with apt-get on the PATH. */
  canInstall(): boolean;
  /** Installs Debian's chromium; returns where its output went when it failed. */
  install(): { ok: true } | { ok: false; log: string };
  notice(line: string): void;
}

const HOW =
  "install Debian's chromium package (as root: apt-get install chromium), or set CHROMIUM_PATH to an existing Chromium or Chrome binary";

export function findOrProvideChromium(deps: ChromiumDeps): ChromiumCheck {
  const chosen = deps.env.CHROMIUM_PATH?.trim();
  if (chosen) {
    // An explicit choice is respected: a wrong one is reported, never silently replaced.
    if (deps.runs(chosen)) return { ok: true, path: chosen, installed: false };
    return {
      ok: false,
      message: `Chromium: CHROMIUM_PATH=${chosen} does not start a browser. Point CHROMIUM_PATH at a working Chromium or Chrome, or unset it to use Debian's chromium (${DEBIAN_CHROMIUM}).`,
    };
  }
  if (deps.runs(DEBIAN_CHROMIUM)) return { ok: true, path: DEBIAN_CHROMIUM, installed: false };
  if (deps.env.CHROMIUM_INSTALL === "never" || !deps.canInstall()) {
    return {
      ok: false,
      message: `Chromium: the end-to-end tests need a browser and ${DEBIAN_CHROMIUM} is missing: ${HOW}.`,
    };
  }
  deps.notice(
    "Chromium: none at /usr/bin/chromium; installing Debian's chromium package with apt-get (once, about a minute).",
  );
  const result = deps.install();
  if (!result.ok)
    return {
      ok: false,
      message: `Chromium: installing Debian's chromium failed (output in ${result.log}): ${HOW}.`,
    };
  if (!deps.runs(DEBIAN_CHROMIUM)) {
    return {
      ok: false,
      message: `Chromium: Debian's chromium installed but ${DEBIAN_CHROMIUM} does not start: ${HOW}.`,
    };
  }
  return { ok: true, path: DEBIAN_CHROMIUM, installed: true };
}

function onPath(command: string, envPath = process.env.PATH ?? ""): boolean {
  return envPath.split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function aptGet(args: string[]): { status: number | null; output: string } {
  const run = spawnSync("apt-get", args, {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    encoding: "utf8",
    timeout: 10 * 60_000,
  });
  return {
    status: run.status,
    output: `$ apt-get ${args.join(" ")}\n${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? String(run.error) : ""}\n`,
  };
}

export const machineChromiumDeps = (env: NodeJS.ProcessEnv = process.env): ChromiumDeps => ({
  env: { CHROMIUM_PATH: env.CHROMIUM_PATH, CHROMIUM_INSTALL: env.CHROMIUM_INSTALL },
  runs: (binary) => spawnSync(binary, ["--version"], { stdio: "ignore", timeout: 15_000 }).status === 0,
  canInstall: () => process.getuid?.() === 0 && onPath("apt-get", env.PATH),
  install: () => {
    const update = aptGet(["update", "-qq"]);
    const steps = update.status === 0 ? [update, aptGet(["install", "-y", "-qq", "chromium"])] : [update];
    if (steps.every((s) => s.status === 0)) return { ok: true };
    const log = path.join(mkdtempSync(path.join(tmpdir(), "keyfleet-chromium-")), "apt-get.log");
    writeFileSync(log, steps.map((s) => s.output).join(""));
    return { ok: false, log };
  },
  notice: (line) => console.error(line),
});

/** For scripts that drive a browser: the path to launch, or exit 1 with one line saying what to do. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const check = findOrProvideChromium(machineChromiumDeps(env));
  if (check.ok) return check.path;
  console.error(check.message);
  process.exit(1);
}
