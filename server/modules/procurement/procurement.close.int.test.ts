import { describe, expect, it } from "vitest";
import { api, audits, db, draft, failure, ordered, useProcurementDatabase } from "./procurement.testing";

useProcurementDatabase();

const onOrderAt = async (siteId: string, modelId: string) =>
  (await api.inventory.stock({})).rows.find((r) => r.siteId === siteId && r.modelId === modelId)?.onOrder ??
  0;

describe("closing an order short", () => {
  it("gives up the remainder: audited with the reason, no longer on order, refuses more receiving", async () => {
    const po = await ordered([
      { modelId: "m1", quantity: 5 },
      { modelId: "m2", quantity: 2 },
    ]);
    const lines = (await api.procurement.get({ id: po.id })).lines;
    const m1 = lines.find((l) => l.modelId === "m1")!;
    const m2 = lines.find((l) => l.modelId === "m2")!;
    await api.procurement.receiveScan({ poId: po.id, lineId: m1.id, serial: "CS-0001" });
    await api.procurement.receiveScan({ poId: po.id, lineId: m1.id, serial: "CS-0002" });
    expect(await onOrderAt("ams", "m1")).toBe(3); // 5 − 2
    expect(await onOrderAt("ams", "m2")).toBe(2);

    const out = await api.procurement.closeShort({ id: po.id, reason: "Vendor discontinued the model" });
    expect(out).toEqual({ id: po.id, status: "closed", cancelled: 5 }); // 3 on m1 + 2 on m2

    const after = await api.procurement.get({ id: po.id });
    expect(after.status).toBe("closed");
    expect(after.closeReason).toBe("Vendor discontinued the model");
    expect(after.closedAt).toEqual(new Date("2026-03-01T09:00:00Z"));
    expect(after.lines.map((l) => [l.modelId, l.quantity, l.receivedQuantity, l.cancelledQuantity])).toEqual([
      [m1.modelId, 5, 2, 3],
      [m2.modelId, 2, 0, 2],
    ]);
    // Expected stock and the forecast stop counting the cancelled remainder.
    expect(await onOrderAt("ams", "m1")).toBe(0);
    expect(await onOrderAt("ams", "m2")).toBe(0);
    const forecast = await api.procurement.forecast({ horizonDays: 90 });
    expect(forecast.lines.filter((l) => l.siteId === "ams").reduce((n, l) => n + l.onOrder, 0)).toBe(0);
    // The two keys received stay in stock.
    expect(await db.prisma.securityKey.count({ where: { siteId: "ams", status: "in_stock" } })).toBe(2);

    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "procurement.po.close", subjectId: po.id },
      select: { before: true, after: true, actorId: true },
    });
    expect(event.actorId).toBe("buyer-1");
    expect(event.before).toEqual({ status: "partially_received" });
    expect(event.after).toMatchObject({
      status: "closed",
      reason: "Vendor discontinued the model",
      cancelled: 5,
    });

    const late = await failure(
      api.procurement.receiveScan({ poId: po.id, lineId: m1.id, serial: "CS-0003" }),
    );
    expect(late.code).toBe("CONFLICT");
    expect(late.message).toBe(
      `${po.number} is closed; its remainder was cancelled, so nothing more can be received against it: put the missing keys on a new order.`,
    );
    expect(await db.prisma.securityKey.count({ where: { serial: "CS-0003" } })).toBe(0);
    const csv = await failure(api.procurement.commitCsv({ poId: po.id, csv: "serial,model\nCS-0004,m2\n" }));
    expect(csv.code).toBe("CONFLICT");
    expect(await db.prisma.securityKey.count({ where: { serial: "CS-0004" } })).toBe(0);

    const again = await failure(api.procurement.closeShort({ id: po.id, reason: "twice" }));
    expect(again.code).toBe("CONFLICT");
    expect(await audits("procurement.po.close")).toBe(1);
  });

  it("refuses what cannot be closed short, with the way forward, and changes nothing", async () => {
    const d = await draft([{ modelId: "m1", quantity: 2 }]);
    const o = await ordered([{ modelId: "m1", quantity: 2 }]);
    const full = await ordered([{ modelId: "m2", quantity: 1 }]);
    await api.procurement.receiveScan({ poId: full.id, serial: "FULL-0001" });
    const before = await audits("procurement.po.close");

    const onDraft = await failure(api.procurement.closeShort({ id: d.id, reason: "no longer needed" }));
    expect(onDraft.message).toBe(`${d.number} is draft; a draft was never ordered: cancel it instead.`);
    const onOrdered = await failure(api.procurement.closeShort({ id: o.id, reason: "no longer needed" }));
    expect(onOrdered.code).toBe("CONFLICT");
    expect(onOrdered.message).toBe(
      `${o.number} is ordered; nothing was received against it yet: cancel the order instead.`,
    );
    const onReceived = await failure(api.procurement.closeShort({ id: full.id, reason: "no longer needed" }));
    expect(onReceived.message).toMatch(/is received; every key on it was received/);
    const noReason = await failure(api.procurement.closeShort({ id: o.id, reason: " " }));
    expect(noReason.code).toBe("BAD_REQUEST");
    const missing = await failure(api.procurement.closeShort({ id: "nope", reason: "no longer needed" }));
    expect(missing.code).toBe("NOT_FOUND");

    expect(await audits("procurement.po.close")).toBe(before);
    expect((await api.procurement.get({ id: o.id })).status).toBe("ordered");
    expect(await onOrderAt("ams", "m1")).toBe(2); // the ordered one still counts in full
  });

  it("lists the serials received against an order, a page at a time", async () => {
    const po = await ordered([{ modelId: "m3", quantity: 4 }], "lon");
    for (const s of ["PG-0001", "PG-0002", "PG-0003"])
      await api.procurement.receiveScan({ poId: po.id, serial: s });
    const first = await api.procurement.receivedKeys({ poId: po.id, page: 1, pageSize: 2 });
    const second = await api.procurement.receivedKeys({ poId: po.id, page: 2, pageSize: 2 });
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    const serials = [...first.items, ...second.items].map((k) => k.serial).sort();
    expect(serials).toEqual(["PG-0001", "PG-0002", "PG-0003"]); // each once, none from other orders
    expect(second.items[0]).toMatchObject({ model: "ePass FIDO2-NFC", status: "in_stock", site: "LON" });
    const none = await api.procurement.receivedKeys({
      poId: (await draft([{ modelId: "m3", quantity: 1 }])).id,
    });
    expect(none).toEqual({ items: [], total: 0 });
  });
});
