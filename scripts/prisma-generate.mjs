// `prisma generate` without Prisma's download server. The CLI wants a native schema engine binary and
// downloads one unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file; generate never runs it, so
// any existing executable will do. Migrations use the WebAssembly engine instead (server/db/migrate.ts).
// Also the `postinstall` script, so a fresh `npm install` generates the client.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));

let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  console.warn(
    "prisma-generate: the prisma CLI is not installed (production install?); client not generated",
  );
  process.exit(0);
}

const engine =
  process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY)
    ? process.env.PRISMA_SCHEMA_ENGINE_BINARY
    : existsSync("/bin/true")
      ? "/bin/true"
      : process.execPath;

const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: engine,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
