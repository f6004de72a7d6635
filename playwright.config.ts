import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./scripts/lib/chromium";

// End to end against the built app (`next build` once, `next start` per instance — see e2e/global-setup.ts).
// Debian's Chromium (or CHROMIUM_PATH), never a downloaded browser. E2E_SKIP_BUILD=1 reuses an existing build.
const tenantChanging = [
  "recovery-shape.spec.ts",
  "recovery-edges.spec.ts",
  "recovery-preflight.spec.ts",
  "enrollment.spec.ts",
  "enrollment-handover.spec.ts",
  "setup.spec.ts",
  "sync.spec.ts",
  // Applies a key restriction to the demo tenant's FIDO2 policy (four eyes): every later preview changes.
  "levers-apply.spec.ts",
  // Adds failed sign-ins to the demo tenant's log (and runs a sync): the failures page counts them after.
  "levers-drilldowns.spec.ts",
];

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results/e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    // Set by global setup before the workers start.
    baseURL: process.env.E2E_DEMO_URL,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // `npm test` found or installed it first (scripts/ensure-chromium.ts).
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  // Journeys that change the shared demo tenant for a while (the TAP policy's scope, the FIDO2 key
  // restrictions and RP id, the Graph app's permissions, the one office with no site, sites set by hand),
  // or count what others do to it (the sync journey counts runs, and others' journeys start syncs), run
  // after every other journey, one file at a time. In one full run two journeys worked the same demo user
  // at once, and the sync journey counted two runs it had not started.
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: tenantChanging.map((f) => `**/${f}`) },
    ...tenantChanging.map((file, i) => ({
      name: `tenant-${i + 1}`,
      testMatch: `**/${file}`,
      fullyParallel: false,
      dependencies: [i === 0 ? "chromium" : `tenant-${i}`],
      use: { browserName: "chromium" as const },
    })),
  ],
});
