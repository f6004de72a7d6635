import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { parseCsv } from "@/server/modules/inventory/csv";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { DAY, isoDay } from "@/server/lib/time";
import { yubikey5c } from "@/server/db/fixtures";

// CSV export of the orders table, stock and forecast: exactly the filtered view, formulas neutralised.

const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
const NOW = new Date("2026-03-01T09:00:00Z");
const callerOf = createCallerFactory(appRouter);
let db: TestDatabase;
let api: ReturnType<typeof callerOf>;

const cellsOf = (csv: string) => {
  const r = parseCsv(csv);
  if (!r.ok) throw new Error(r.message);
  return r.rows.map((x) => x.cells);
};

beforeAll(async () => {
  db = await createTestDatabase();
  api = callerOf({
    actor: buyer,
    requestId: "req-exp",
    services: buildServices({ prisma: db.prisma, clock: () => NOW }),
  });
  const p = db.prisma;
  await p.site.createMany({
    data: [
      { id: "ams", code: "AMS", name: "Amsterdam", kind: "warehouse" },
      { id: "lon", code: "LON", name: "London", officeLocation: "London" },
    ],
  });
  await p.keyModel.createMany({
    data: [
      yubikey5c,
      {
        id: "m2",
        vendor: "Evil",
        productName: '=HYPERLINK("http://x")',
        formFactor: "usb_a",
        leadTimeDays: 7,
      },
    ],
  });
  await p.reorderPoint.createMany({
    data: [
      { siteId: "lon", modelId: "m1", minimum: 5 },
      { siteId: "ams", modelId: "m2", minimum: 1 },
    ],
  });
  await p.securityKey.createMany({
    data: Array.from({ length: 3 }, (_, i) => ({
      serial: `S-${i}`,
      vendor: "Yubico",
      modelId: "m1",
      siteId: "lon",
      status: "in_stock" as const,
    })),
  });
  const users = Array.from({ length: 4 }, (_, i) => ({
    id: `u${i}`,
    userPrincipalName: `u${i}@x.example`,
    displayName: `User ${i}`,
    siteId: "lon",
    officeLocation: "London",
  }));
  await p.directoryUser.createMany({ data: users });
  await p.rolloutWave.create({
    data: {
      name: "+Wave One",
      startDate: new Date(NOW.getTime() + 30 * DAY),
      registrationDeadline: new Date(NOW.getTime() + 60 * DAY),
      members: { create: users.map((u) => ({ userId: u.id })) },
    },
  });
  // 7 orders: vendors alternate, one vendor is a formula; two are ordered and overdue.
  for (let i = 0; i < 7; i++) {
    const po = await api.procurement.create({
      vendor: i === 3 ? "@SUM(A1:A9)" : i % 2 ? "Feitian" : "Yubico",
      siteId: i % 2 ? "ams" : "lon",
      expectedDate: new Date(NOW.getTime() + (i < 2 ? -5 : 20 + i) * DAY),
      notes: null,
      lines: [{ modelId: "m1", quantity: i + 1, unitCostCents: 1999 }],
    });
    if (i < 2 || i === 5) await api.procurement.placeOrder({ id: po.id });
  }
});
afterAll(async () => {
  await db?.close();
});

describe("orders export", () => {
  it.each([
    ["no filter, default sort", {}],
    ["a vendor search sorted by number", { q: "yubi", sort: { id: "number" as const, desc: false } }],
    ["overdue only", { isOverdue: true }],
    [
      "drafts sorted by expected date, latest first",
      { status: "draft" as const, sort: { id: "expected" as const, desc: true } },
    ],
  ])("equals the table across every page: %s", async (_name, filter) => {
    const pages = [1, 2, 3].map((page) => api.procurement.list({ ...filter, page, pageSize: 3 }));
    const listed = (await Promise.all(pages)).flatMap((p) => p.items);
    const out = await api.procurement.exportOrders(filter);
    const [header, ...rows] = cellsOf(out.csv);
    expect(header).toEqual([
      "number",
      "vendor",
      "site",
      "status",
      "is_overdue",
      "expected",
      "quantity",
      "received",
      "total_eur",
      "created",
    ]);
    expect(rows.map((r) => r[0])).toEqual(listed.map((r) => r.number));
    expect(rows.map((r) => [r[2], r[3], r[6], r[8]])).toEqual(
      listed.map((r) => [r.site, r.status, String(r.quantity), (r.totalCents / 100).toFixed(2)]),
    );
    expect(out).toMatchObject({
      rows: listed.length,
      isTruncated: false,
      filename: "purchase-orders-2026-03-01.csv",
    });
  });

  it("marks the overdue orders and neutralises a formula-looking vendor", async () => {
    const rows = cellsOf(
      (await api.procurement.exportOrders({ sort: { id: "number", desc: false } })).csv,
    ).slice(1);
    expect(rows.filter((r) => r[4] === "yes")).toHaveLength(2);
    expect(rows[3]![1]).toBe("'@SUM(A1:A9)");
    expect(rows.some((r) => r.some((c) => /^[=+\-@]/.test(c)))).toBe(false);
  });
});

describe("stock and forecast export", () => {
  it("exports the stock table as shown, with the low-only switch, and neutralises a formula model name", async () => {
    for (const onlyLow of [false, true]) {
      const shown = await api.inventory.stock({ onlyLow });
      const rows = cellsOf((await api.inventory.exportStock({ onlyLow })).csv).slice(1);
      expect(rows.map((r) => [r[0], r[3], r[4], r[9]])).toEqual(
        shown.rows.map((s) => [
          s.site,
          String(s.inStock),
          s.reorderPoint === null ? "" : String(s.reorderPoint),
          s.isLow ? "yes" : "no",
        ]),
      );
    }
    const all = cellsOf((await api.inventory.exportStock({})).csv).slice(1);
    expect(all.find((r) => r[0] === "AMS")?.[2]).toBe('\'=HYPERLINK("http://x")');
  });

  it("exports every forecast line with the recommendation and its dates", async () => {
    const f = await api.procurement.forecast({ horizonDays: 90 });
    const out = await api.procurement.exportForecast({ horizonDays: 90 });
    const [header, ...rows] = cellsOf(out.csv);
    expect(header).toContain("recommended_quantity");
    expect(out.filename).toBe("forecast-90d-2026-03-01.csv");
    expect(rows.map((r) => [r[0], r[1], r[7], r[8]])).toEqual(
      f.lines.map((l) => [
        l.site,
        l.model.startsWith("=") ? `'${l.model}` : l.model,
        String(l.recommendedQuantity),
        isoDay(l.orderBy),
      ]),
    );
    const lon = rows.find((r) => r[0] === "LON")!;
    expect(lon[2]).toBe("4");
    expect(lon[11]).toBe("'+Wave One");
  });
});
