// Builds the portal when the build is missing or older than its sources (`npm start`, the benches).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const buildId = path.join(ROOT, ".next", "BUILD_ID");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  if (process.env.KEYFLEET_SKIP_BUILD === "1") return false;
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return (
    ["app", "server", "prisma"].some((d) => newestSource(path.join(ROOT, d)) > built) ||
    ["next.config.mjs", "package.json", "instrumentation.ts"].some(
      (f) => statSync(path.join(ROOT, f)).mtimeMs > built,
    )
  );
}

/** Exits the process with next build's code when the build fails. */
export function ensureBuild(): void {
  if (!needsBuild()) return;
  console.log("Building KeyFleet (first start or sources changed)…");
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
