import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { personas, screenshotPath } from "./fixtures";
import { LOG_DIR, startNext, type RunningServer } from "./support/servers";

// Journey: someone configures the Graph app of a real tenant (AZURE_*) but no identity provider. The
// portal must not offer password-free demo sign-in in front of it: it refuses to start, naming what
// is missing. For a staging tenant, KEYFLEET_DEMO_SIGNIN=allow-with-real-tenant lets it start, and every
// page says so in red. Each server is this spec's own; the Graph endpoint is never reached here.

test.describe.configure({ mode: "serial" });

const graphApp = {
  AZURE_TENANT_ID: "00000000-0000-0000-0000-0000000000aa",
  AZURE_CLIENT_ID: "keyfleet-graph",
  AZURE_CLIENT_SECRET: "not-a-real-secret",
  GRAPH_BASE_URL: "https://127.0.0.1:9",
  SYNC_INTERVAL_MINUTES: "1440",
};
const logOf = (name: string) => readFileSync(path.join(LOG_DIR, `${name}.log`), "utf8");

test("with a real Graph app and no identity provider the portal refuses to start and says why", async () => {
  test.setTimeout(120_000);
  const failure = await startNext("real-tenant-refused", graphApp).then(
    async (server) => {
      await server.stop();
      return null;
    },
    (error: unknown) => error as Error,
  );
  expect(failure?.message).toMatch(/exited \(1\) before it was ready/);
  const log = logOf("real-tenant-refused");
  for (const name of [
    "AUTH_OIDC_ISSUER",
    "AUTH_OIDC_CLIENT_ID",
    "AUTH_OIDC_CLIENT_SECRET",
    "KEYFLEET_DEMO_SIGNIN=allow-with-real-tenant",
  ])
    expect(log).toContain(name);
  expect(log).not.toContain("not-a-real-secret");
});

test.describe("allowed for a staging tenant", () => {
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startNext("real-tenant-staging", {
      ...graphApp,
      KEYFLEET_DEMO_SIGNIN: "allow-with-real-tenant",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("every page carries the red banner, the sidebar names the real endpoint, and the log warned at start", async ({
    page,
  }) => {
    const url = server!.url;
    await page.goto(`${url}/signin`);
    const banner = page.getByTestId("demo-real-tenant-banner");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(
      "Demo sign-in is on against a real tenant (Graph: https://127.0.0.1:9)",
    );
    const admin = personas.find((p) => p.roles.includes("admin"))!;
    await page.locator(`button[name="persona"][value="${admin.id}"]`).click();
    await page.waitForURL((u) => u.pathname === "/");
    await expect(banner).toBeVisible();
    await expect(page.getByTestId("demo-mode-note")).toContainText(
      "Graph: Real endpoint at https://127.0.0.1:9",
    );
    await expect(page.getByTestId("demo-mode-note")).not.toContainText("Simulated tenant");
    await page.goto(`${url}/settings`);
    await expect(banner).toBeVisible();
    await page.screenshot({ path: screenshotPath("demo-real-tenant-banner") });
    expect(logOf("real-tenant-staging")).toMatch(
      /"level":"warn","message":"demo sign-in is ON against a real tenant/,
    );
  });
});
