#!/usr/bin/env node
// The `keyfleet` ops CLI: runs server/cli/main.ts through tsx from the package root, so relative paths
// (prisma/migrations, the default .data directory) mean the same as with `npm run cli`.
// `--conditions=react-server` lets server modules that import "server-only" load outside Next.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const child = spawn(
  process.execPath,
  [
    "--conditions=react-server",
    "--import",
    "tsx",
    path.join(root, "server/cli/main.ts"),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
