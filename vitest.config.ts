import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const simulatorSetup = "server/graph/simulator/vitest-global-setup.ts";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: `${root}$1` },
      { find: /^server-only$/, replacement: `${root}test/empty-module.ts` },
    ],
  },
  test: {
    include: ["server/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    environment: "node",
    pool: "forks",
    // The simulated tenant's CA is made before workers start, so NODE_EXTRA_CA_CERTS reaches them.
    globalSetup: existsSync(`${root}${simulatorSetup}`) ? [simulatorSetup] : [],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
