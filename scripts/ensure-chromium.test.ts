import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findOrProvideChromium, type ChromiumDeps } from "./lib/chromium";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A machine whose browsers, root rights and apt-get are stated, recording what was tried on it. */
function machine(opts: {
  env?: ChromiumDeps["env"];
  working?: string[];
  root?: boolean;
  installs?: boolean;
}) {
  const working = new Set(opts.working ?? []);
  const tried = { installs: 0, notices: [] as string[] };
  const deps: ChromiumDeps = {
    env: opts.env ?? {},
    runs: (binary) => working.has(binary),
    canInstall: () => opts.root ?? false,
    install: () => {
      tried.installs++;
      if (!opts.installs) return { ok: false, log: "/tmp/apt-get.log" };
      working.add("/usr/bin/chromium");
      return { ok: true };
    },
    notice: (line) => tried.notices.push(line),
  };
  return { deps, tried };
}

describe("finding or providing Chromium", () => {
  it("uses a working CHROMIUM_PATH and installs nothing", () => {
    const { deps, tried } = machine({
      env: { CHROMIUM_PATH: "/opt/chrome/chrome" },
      working: ["/opt/chrome/chrome"],
      root: true,
    });
    expect(findOrProvideChromium(deps)).toEqual({ ok: true, path: "/opt/chrome/chrome", installed: false });
    expect(tried.installs).toBe(0);
  });

  it("reports a CHROMIUM_PATH that does not start rather than silently using another browser", () => {
    const { deps, tried } = machine({
      env: { CHROMIUM_PATH: "/nowhere" },
      working: ["/usr/bin/chromium"],
      root: true,
      installs: true,
    });
    const check = findOrProvideChromium(deps);
    expect(check).toEqual({
      ok: false,
      message: expect.stringContaining("CHROMIUM_PATH=/nowhere does not start a browser"),
    });
    expect(tried.installs).toBe(0);
  });

  it("uses Debian's chromium when it is there", () => {
    const { deps, tried } = machine({ working: ["/usr/bin/chromium"], root: true });
    expect(findOrProvideChromium(deps)).toEqual({ ok: true, path: "/usr/bin/chromium", installed: false });
    expect(tried.installs).toBe(0);
  });

  it("installs Debian's chromium as root with one notice line", () => {
    const { deps, tried } = machine({ root: true, installs: true });
    expect(findOrProvideChromium(deps)).toEqual({ ok: true, path: "/usr/bin/chromium", installed: true });
    expect(tried.installs).toBe(1);
    expect(tried.notices).toHaveLength(1);
    expect(tried.notices[0]).toMatch(/installing Debian's chromium package with apt-get/);
  });

  it("without root or apt-get, says what to install and how to point CHROMIUM_PATH at a browser", () => {
    const { deps, tried } = machine({ root: false });
    const check = findOrProvideChromium(deps);
    expect(tried.installs).toBe(0);
    expect(check.ok).toBe(false);
    const message = check.ok ? "" : check.message;
    expect(message).toContain("apt-get install chromium");
    expect(message).toContain("set CHROMIUM_PATH to an existing Chromium or Chrome binary");
    expect(message.split("\n")).toHaveLength(1);
  });

  it("installs nothing when CHROMIUM_INSTALL=never, even as root", () => {
    const { deps, tried } = machine({ env: { CHROMIUM_INSTALL: "never" }, root: true, installs: true });
    expect(findOrProvideChromium(deps).ok).toBe(false);
    expect(tried.installs).toBe(0);
  });

  it("names the log when the install fails", () => {
    const { deps } = machine({ root: true, installs: false });
    expect(findOrProvideChromium(deps)).toEqual({
      ok: false,
      message: expect.stringContaining("output in /tmp/apt-get.log"),
    });
  });
});

describe("npm test on a machine without a browser", () => {
  it("stops within seconds, with the one-line message, before the type check or Vitest starts", async () => {
    const t0 = performance.now();
    const child = spawn("npm", ["test"], {
      cwd: ROOT,
      env: {
        ...process.env,
        CHROMIUM_PATH: "/nowhere/chromium",
        CHROMIUM_INSTALL: "never",
        FORCE_COLOR: "0",
      },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    // Should the check not stop it, this would be the whole suite: kill it rather than wait.
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(killer);
    const seconds = (performance.now() - t0) / 1000;

    expect(code).toBe(1);
    expect(seconds).toBeLessThan(15);
    expect(out).toContain(
      "Chromium: CHROMIUM_PATH=/nowhere/chromium does not start a browser. Point CHROMIUM_PATH at a working Chromium or Chrome, or unset it to use Debian's chromium (/usr/bin/chromium).",
    );
    expect(out).not.toMatch(/> keyfleet@\S+ typecheck/);
    expect(out).not.toMatch(/> keyfleet@\S+ test:unit/);
    expect(out).not.toMatch(/RUN\s+v\d/); // Vitest's banner
  }, 40_000);
});
