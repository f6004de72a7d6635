import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db, api, draft, ordered, failure, shape, useProcurementDatabase } from "./procurement.testing";

// Purchase order states, concurrency and receiving by scan, through the tRPC caller on a real database.
// Receiving by scan counts a key the order states received, so they stay in this one file, in this order.
// Set-up: procurement.testing.ts.

useProcurementDatabase();

describe("purchase order states", () => {
  it("goes draft → ordered → partially received → received, with an audit event for each change", async () => {
    const po = await draft([{ modelId: "m1", quantity: 2 }]);
    expect(po.number).toMatch(/^PO-2026-\d{4}$/);
    expect((await api.procurement.get({ id: po.id })).status).toBe("draft");
    await api.procurement.updateDraft({
      id: po.id,
      vendor: "Yubico",
      siteId: "ams",
      expectedDate: null,
      notes: "rush",
      lines: [{ modelId: "m1", quantity: 3, unitCostCents: 5800 }],
    });
    await api.procurement.placeOrder({ id: po.id });
    const a = await api.procurement.receiveScan({ poId: po.id, serial: "sc-0001" });
    expect(a).toMatchObject({
      key: { serial: "SC-0001" },
      line: { receivedQuantity: 1, quantity: 3 },
      poStatus: "partially_received",
    });
    await api.procurement.receiveScan({ poId: po.id, serial: "SC-0002" });
    const last = await api.procurement.receiveScan({ poId: po.id, serial: "SC-0003" });
    expect(last.poStatus).toBe("received");
    const after = await api.procurement.get({ id: po.id });
    expect(after).toMatchObject({ status: "received", quantity: 3, received: 3, totalCents: 17400 });
    expect(after.receivedAt).not.toBeNull();
    const keys = await db.prisma.securityKey.findMany({
      where: { poLine: { purchaseOrderId: po.id } },
      select: { status: true, siteId: true },
    });
    expect(keys).toHaveLength(3);
    expect(keys.every((k) => k.status === "in_stock" && k.siteId === "ams")).toBe(true);
    const events = await db.prisma.auditEvent.findMany({
      where: { subjectId: po.id },
      select: { action: true },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "procurement.po.create",
      "procurement.po.update",
      "procurement.po.order",
      "procurement.po.receive",
      "procurement.po.receive",
      "procurement.po.receive",
    ]);
  });

  it("refuses invalid transitions with CONFLICT naming the current state, and changes nothing", async () => {
    const po = await ordered([{ modelId: "m1", quantity: 5 }]);
    expect((await failure(api.procurement.placeOrder({ id: po.id }))).message).toBe(
      `${po.number} is ordered; only a draft can be ordered.`,
    );
    expect(
      (
        await failure(
          api.procurement.updateDraft({
            id: po.id,
            vendor: "Y",
            siteId: "ams",
            expectedDate: null,
            notes: null,
            lines: [{ modelId: "m1", quantity: 1, unitCostCents: 1 }],
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    await api.procurement.receiveScan({ poId: po.id, serial: "ST-0001" });
    const cancel = await failure(api.procurement.cancel({ id: po.id, reason: "changed mind" }));
    expect(cancel.code).toBe("CONFLICT");
    expect(cancel.message).toMatch(/is partially received; keys were already received/);
    expect((await api.procurement.get({ id: po.id })).status).toBe("partially_received");

    const d = await draft([{ modelId: "m2", quantity: 1 }]);
    const early = await failure(api.procurement.receiveScan({ poId: d.id, serial: "ST-0002" }));
    expect(early.message).toMatch(/is draft; place the order before receiving/);
    await api.procurement.cancel({ id: d.id, reason: "duplicate order" });
    expect((await failure(api.procurement.receiveScan({ poId: d.id, serial: "ST-0003" }))).message).toMatch(
      /is cancelled/,
    );
    expect(await db.prisma.securityKey.count({ where: { serial: { in: ["ST-0002", "ST-0003"] } } })).toBe(0);
  });

  it("reports bad form input per field (zod and rule checks)", async () => {
    const zod = await failure(
      api.procurement.create({
        vendor: "",
        siteId: "ams",
        expectedDate: null,
        notes: null,
        lines: [{ modelId: "m1", quantity: 0, unitCostCents: -1 }],
      }),
    );
    expect(zod.code).toBe("BAD_REQUEST");
    const rule = await failure(
      api.procurement.create({
        vendor: "Y",
        siteId: "ams",
        expectedDate: null,
        notes: null,
        lines: [
          { modelId: "nope", quantity: 1, unitCostCents: 1 },
          { modelId: "m1", quantity: 1, unitCostCents: 1 },
          { modelId: "m1", quantity: 1, unitCostCents: 1 },
        ],
      }),
    );
    expect(shape(rule)).toMatchObject({
      fieldErrors: {
        "lines.0.modelId": ["Unknown model"],
        "lines.2.modelId": ["This model is already on another line"],
      },
    });
  });

  it("lists orders server-side with open and overdue filters", async () => {
    const late = await api.procurement.create({
      vendor: "Feitian",
      siteId: "lon",
      expectedDate: new Date("2026-02-01"),
      notes: null,
      lines: [{ modelId: "m3", quantity: 4, unitCostCents: 2600 }],
    });
    await api.procurement.placeOrder({ id: late.id });
    const overdue = await api.procurement.list({ isOverdue: true });
    expect(overdue.items.map((r) => r.number)).toEqual([late.number]);
    expect(overdue.items[0]).toMatchObject({ isOverdue: true, site: "LON", quantity: 4, received: 0 });
    const page = await api.procurement.list({ pageSize: 2, sort: { id: "number", desc: false } });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });
});

describe("receiving by scan", () => {
  it("rejects a serial already in the database and says where that key is", async () => {
    const po = await ordered([{ modelId: "m1", quantity: 5 }]);
    await api.procurement.receiveScan({ poId: po.id, serial: "DUP-001" });
    const e = await failure(api.procurement.receiveScan({ poId: po.id, serial: "dup-001" }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/DUP-001: already received: key DUP-001 is in stock at AMS \(PO-2026-\d+\)/);
    expect(await db.prisma.securityKey.count({ where: { serial: "DUP-001" } })).toBe(1);
  });

  it("rejects a malformed serial with a field error and asks for a line on a multi-model order", async () => {
    const po = await ordered([
      { modelId: "m1", quantity: 2 },
      { modelId: "m2", quantity: 2 },
    ]);
    const bad = await failure(api.procurement.receiveScan({ poId: po.id, serial: "a b" }));
    expect(bad.code).toBe("BAD_REQUEST");
    const noLine = await failure(api.procurement.receiveScan({ poId: po.id, serial: "ML-001" }));
    expect(shape(noLine)).toMatchObject({ fieldErrors: { lineId: ["Choose a line"] } });
    const detail = await api.procurement.get({ id: po.id });
    const line2 = detail.lines.find((l) => l.modelId === "m2")!;
    await api.procurement.receiveScan({ poId: po.id, lineId: line2.id, serial: "ML-001" });
    await api.procurement.receiveScan({ poId: po.id, lineId: line2.id, serial: "ML-002" });
    const over = await failure(
      api.procurement.receiveScan({ poId: po.id, lineId: line2.id, serial: "ML-003" }),
    );
    expect(over.message).toMatch(/more than the 0 Security Key NFC left/);
  });

  it("concurrent receipts of the same serial leave exactly one key; the others get CONFLICT naming it", async () => {
    const a = await ordered([{ modelId: "m1", quantity: 5 }]);
    const b = await ordered([{ modelId: "m1", quantity: 5 }], "lon");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        api.procurement.receiveScan({ poId: i % 2 ? a.id : b.id, serial: "RACE-0001" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === "rejected")) {
      expect((r.reason as TRPCError).code).toBe("CONFLICT");
      expect((r.reason as TRPCError).message).toMatch(/RACE-0001.*(is in stock at (AMS|LON))/);
    }
    expect(await db.prisma.securityKey.count({ where: { serial: "RACE-0001" } })).toBe(1);
    const lines = await db.prisma.purchaseOrderLine.findMany({
      where: { purchaseOrderId: { in: [a.id, b.id] } },
      select: { receivedQuantity: true },
    });
    expect(lines.reduce((n, l) => n + l.receivedQuantity, 0)).toBe(1);
  });

  it("the same serial from another vendor is a different key", async () => {
    const po = await api.procurement.create({
      vendor: "Feitian",
      siteId: "ams",
      expectedDate: null,
      notes: null,
      lines: [{ modelId: "m3", quantity: 1, unitCostCents: 2600 }],
    });
    await api.procurement.placeOrder({ id: po.id });
    await api.procurement.receiveScan({ poId: po.id, serial: "SC-0001" });
    expect(await db.prisma.securityKey.count({ where: { serial: "SC-0001" } })).toBe(2);
  });
});
