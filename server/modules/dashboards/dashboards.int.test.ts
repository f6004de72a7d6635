import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";

let db: TestDatabase;
let services: Services;

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
  const p = db.prisma;
  await p.site.create({ data: { id: "s1", code: "LON", name: "London" } });
  await p.keyModel.create({ data: { id: "m1", vendor: "Yubico", productName: "YubiKey 5C NFC", formFactor: "usb_c_nfc" } });
  const po = (number: string, status: "draft" | "ordered" | "partially_received" | "received" | "cancelled", quantity: number, receivedQuantity: number) =>
    p.purchaseOrder.create({
      data: { number, vendor: "Yubico", status, siteId: "s1", createdById: "t", lines: { create: { modelId: "m1", quantity, unitCostCents: 5000, receivedQuantity } } },
    });
  await po("PO-1", "draft", 10, 0);
  await po("PO-2", "ordered", 150, 0);
  await po("PO-3", "partially_received", 80, 50);
  await po("PO-4", "received", 40, 40);
  await po("PO-5", "cancelled", 20, 0);
  const statuses = ["in_stock", "in_stock", "assigned", "active", "lost"] as const;
  await p.securityKey.createMany({ data: statuses.map((status, i) => ({ serial: `S${i}`, vendor: "Yubico", modelId: "m1", siteId: "s1", status })) });
});
afterAll(async () => {
  await db?.close();
});

describe("dashboard summary", () => {
  it("counts keys on order as the units not yet received on open purchase orders", async () => {
    const summary = await services.dashboard.summary();
    // Only ordered (150) and partially received (80 − 50) orders count; draft, received and cancelled do not.
    expect(summary.openPurchaseOrders).toBe(2);
    expect(summary.unitsOnOrder).toBe(150 + 30);
  });

  it("counts every key exactly once, by status", async () => {
    const summary = await services.dashboard.summary();
    expect(summary.keys.total).toBe(5);
    expect(summary.keys.byStatus).toMatchObject({ in_stock: 2, assigned: 1, active: 1, lost: 1, ordered: 0 });
  });
});
