import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { parseCsv } from "@/server/modules/inventory/csv";

// The users list (issue 13): keys each person holds now, a privileged filter, and the CSV of the view.

let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
const as = (roles: Actor["roles"]) =>
  callerOf({ actor: { id: "t", name: "T", email: null, roles }, requestId: "r", services });

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, clock: () => new Date("2026-03-04T10:00:00Z") });
  const p = db.prisma;
  await p.site.create({ data: { id: "s1", code: "LON", name: "London" } });
  await p.keyModel.create({
    data: { id: "m1", vendor: "Yubico", productName: "YubiKey 5C NFC", formFactor: "usb_c_nfc" },
  });
  const user = (id: string, displayName: string, isPrivileged: boolean) =>
    p.directoryUser.create({
      data: { id, displayName, userPrincipalName: `${id}@contoso.example`, isPrivileged },
    });
  await user("u-amy", "Amy Admin", true);
  await user("u-bob", "Bob Baker", false);
  await user("u-cat", "=Cat Formula", false);
  // Amy holds two (assigned and active); her lost and returned keys are not in her hands.
  const keys = [
    ["K1", "u-amy", "assigned"],
    ["K2", "u-amy", "active"],
    ["K3", "u-amy", "lost"],
    ["K4", "u-amy", "returned"],
    ["K5", "u-bob", "active"],
    ["K6", null, "in_stock"],
  ] as const;
  await p.securityKey.createMany({
    data: keys.map(([serial, custodianId, status]) => ({
      serial,
      vendor: "Yubico",
      modelId: "m1",
      siteId: "s1",
      status,
      custodianId,
    })),
  });
});
afterAll(async () => {
  await db?.close();
});

describe("users list: keys held, privileged filter, CSV export", () => {
  it("counts only the keys in a user's hands (assigned or active), zero for someone with none", async () => {
    const { items } = await as(["helpdesk"]).dashboard.users({});
    const held = Object.fromEntries(items.map((u) => [u.id, u.keysHeld]));
    expect(held).toEqual({ "u-amy": 2, "u-bob": 1, "u-cat": 0 });
  });

  it("filters privileged users in and out", async () => {
    const only = await as(["helpdesk"]).dashboard.users({ privileged: "yes" });
    expect(only.items.map((u) => u.id)).toEqual(["u-amy"]);
    expect(only.total).toBe(1);
    const not = await as(["helpdesk"]).dashboard.users({ privileged: "no" });
    expect(not.items.map((u) => u.id).sort()).toEqual(["u-bob", "u-cat"]);
  });

  it("exports the filtered, sorted view with keys held; formulas neutralised; procurement is FORBIDDEN", async () => {
    const out = await as(["security"]).dashboard.exportUsers({
      privileged: "no",
      sort: { id: "upn", desc: true },
    });
    expect(out).toMatchObject({ filename: "users-2026-03-04.csv", rows: 2, isTruncated: false });
    const parsed = parseCsv(out.csv);
    if (!parsed.ok) throw new Error("export is not valid CSV");
    const [header, ...rows] = parsed.rows.map((r) => r.cells);
    expect(header).toEqual([
      "name",
      "upn",
      "department",
      "job_title",
      "office",
      "account_enabled",
      "privileged",
      "passwordless_capable",
      "keys_held",
    ]);
    expect(rows.map((r) => [r[0], r[6], r[8]])).toEqual([
      ["'=Cat Formula", "no", "0"],
      ["Bob Baker", "no", "1"],
    ]);
    expect(out.csv).not.toContain("Amy Admin");
    await expect(as(["procurement"]).dashboard.exportUsers({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
