import { expect, test } from "@playwright/test";
import { hasPostgresServer, startPgCluster, type PgCluster } from "../scripts/bench/pg-cluster";
import { personas, screenshotPath } from "./fixtures";
import { startNext, type RunningServer } from "./support/servers";

// Journey: PostgreSQL goes away under a signed-in agent and comes back. The portal keeps running, says
// plainly that the database is unavailable (health, pages), and the open page shows itself again once
// the database answers — no restart, no reload by hand. A private PostgreSQL server of its own (never
// the shared one on 5432, which other tests use at the same time); its own portal instance on it.

test.describe.configure({ mode: "serial" });
test.skip(!hasPostgresServer(), "needs the PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin)");

let cluster: PgCluster | undefined;
let portal: RunningServer | undefined;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPgCluster();
  portal = await startNext("db-outage", {
    DATABASE_URL: cluster.url,
    DATABASE_SCHEMA: "keyfleet",
    SIM_USERS: "40",
  });
});
test.afterAll(async () => {
  await portal?.stop();
  await cluster?.destroy();
});

test("PostgreSQL stops and starts again: health and the page say the database is unavailable, then the page recovers by itself", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const url = portal!.url;
  const hana = personas.find((p) => p.id === "demo-helpdesk")!;
  await page.goto(`${url}/signin`);
  await page.locator(`button[name="persona"][value="${hana.id}"]`).click();
  await page.waitForURL((u) => u.pathname === "/");
  await expect((await request.get(`${url}/api/health`)).status()).toBe(200);

  await cluster!.stop();
  const down = await request.get(`${url}/api/health`);
  expect(down.status()).toBe(503);
  // Anonymous (and, with the database down, nobody's session can be checked): the status and the 503 only.
  expect(await down.json()).toEqual({ status: "degraded" });
  await page.goto(`${url}/keys`);
  const alert = page.getByTestId("database-unavailable");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("KeyFleet cannot reach its database");
  await expect(alert).toContainText("reconnects by itself");
  await expect(page.getByTestId("page-error")).toHaveCount(0); // not the generic "something went wrong"
  await page.screenshot({ path: screenshotPath("database-unavailable") });

  await cluster!.start();
  // Nobody reloads: the error page notices the database is back and shows the keys page.
  await expect(page.getByRole("heading", { level: 1, name: "Keys" })).toBeVisible({ timeout: 30_000 });
  await expect((await request.get(`${url}/api/health`)).status()).toBe(200);
});
