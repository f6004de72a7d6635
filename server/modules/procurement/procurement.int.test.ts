import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Purchase orders, receiving (scan and CSV) and concurrency, through the tRPC caller on a real database.

const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, clock: () => new Date("2026-03-01T09:00:00Z") });
  api = callerOf({ actor: buyer, requestId: "req-proc", services });
  await db.prisma.site.createMany({
    data: [
      { id: "ams", code: "AMS", name: "Amsterdam", kind: "warehouse" },
      { id: "lon", code: "LON", name: "London", officeLocation: "London" },
    ],
  });
  await db.prisma.keyModel.createMany({
    data: [
      {
        id: "m1",
        vendor: "Yubico",
        productName: "YubiKey 5C NFC",
        formFactor: "usb_c_nfc",
        unitCostCents: 6000,
        leadTimeDays: 14,
      },
      {
        id: "m2",
        vendor: "Yubico",
        productName: "Security Key NFC",
        formFactor: "usb_a_nfc",
        unitCostCents: 2900,
        leadTimeDays: 10,
      },
      {
        id: "m3",
        vendor: "Feitian",
        productName: "ePass FIDO2-NFC",
        formFactor: "usb_a_nfc",
        unitCostCents: 2600,
        leadTimeDays: 28,
      },
    ],
  });
});
afterAll(async () => {
  await db?.close();
});

const draft = (lines: { modelId: string; quantity: number }[], siteId = "ams") =>
  api.procurement.create({
    vendor: "Yubico",
    siteId,
    expectedDate: new Date("2026-03-20"),
    notes: null,
    lines: lines.map((l) => ({ ...l, unitCostCents: 6000 })),
  });
async function ordered(lines: { modelId: string; quantity: number }[], siteId = "ams") {
  const po = await draft(lines, siteId);
  await api.procurement.placeOrder({ id: po.id });
  return po;
}
async function failure(p: Promise<unknown>): Promise<TRPCError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TRPCError);
  return e as TRPCError;
}
const shape = (e: TRPCError) => (e.cause as { details?: Record<string, unknown> } | undefined)?.details;
const audits = (action: string) => db.prisma.auditEvent.count({ where: { action } });

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

describe("receiving by CSV", () => {
  it("previews every problem on its row: duplicate in the file, in the database, unknown model, wrong PO, malformed line", async () => {
    const po = await ordered([{ modelId: "m1", quantity: 10 }]);
    await api.procurement.receiveScan({ poId: po.id, serial: "CSV-DB-1" });
    const csv = [
      "serial,model,po",
      `CSV-0001,YubiKey 5C NFC,${po.number}`,
      "CSV-0002,,",
      "csv-0001,,", // duplicate of line 2 (case-insensitive)
      "CSV-DB-1,,", // already in the database
      "CSV-0003,Nonexistent Key,",
      "CSV-0004,,PO-1999-0001",
      "CSV-0005,,,extra field",
    ].join("\n");
    const before = await audits("procurement.po.receive");
    const preview = await api.procurement.previewCsv({ poId: po.id, csv });
    expect(preview.canCommit).toBe(false);
    expect(preview.validCount).toBe(2);
    const errs = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors.join(" | ")]));
    expect(errs[2]).toBe("");
    expect(errs[3]).toBe("");
    expect(errs[4]).toBe("duplicate serial: also on line 2 of this file");
    expect(errs[5]).toMatch(/^already received: key CSV-DB-1 is in stock at AMS/);
    expect(errs[6]).toBe('unknown model "Nonexistent Key"');
    expect(errs[7]).toBe(`wrong PO: this row is for PO-1999-0001, you are receiving ${po.number}`);
    expect(errs[8]).toMatch(/malformed line/);
    expect(preview.fileErrors).toEqual(["Line 8: expected 3 fields, found 4."]);

    // All or nothing: committing the same file receives none of the good rows either.
    const e = await failure(api.procurement.commitCsv({ poId: po.id, csv }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(shape(e)).toMatchObject({
      fieldErrors: { "line.4": ["duplicate serial: also on line 2 of this file"] },
    });
    expect(await db.prisma.securityKey.count({ where: { serial: { startsWith: "CSV-000" } } })).toBe(0);
    expect(await audits("procurement.po.receive")).toBe(before);
    expect((await api.procurement.get({ id: po.id })).received).toBe(1);
  });

  it("rejects a malformed file (open quote, no serial header) as a whole", async () => {
    const po = await ordered([{ modelId: "m1", quantity: 3 }]);
    const open = await api.procurement.previewCsv({ poId: po.id, csv: 'serial\nQ-0001\n"Q-0002\nQ-0003\n' });
    expect(open).toMatchObject({
      canCommit: false,
      rows: [],
      fileErrors: ["Line 3: a quoted field is never closed. Nothing was read."],
    });
    const noHeader = await api.procurement.previewCsv({ poId: po.id, csv: "Q-0001\nQ-0002\n" });
    expect(noHeader.fileErrors[0]).toMatch(/header naming a `serial` column/);
    expect((await failure(api.procurement.commitCsv({ poId: po.id, csv: "Q-0001\nQ-0002\n" }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await failure(api.procurement.previewCsv({ poId: po.id, csv: "" }))).code).toBe("BAD_REQUEST");
  });

  it("commits a clean file in one go: keys in stock at the receiving site, lines and status updated, one audit event", async () => {
    const po = await ordered(
      [
        { modelId: "m1", quantity: 3 },
        { modelId: "m2", quantity: 2 },
      ],
      "lon",
    );
    await api.procurement.receiveScan({
      poId: po.id,
      lineId: (await api.procurement.get({ id: po.id })).lines[0]!.id,
      serial: "OK-0000",
    });
    const csv =
      "serial,model\r\nOK-0001,YubiKey 5C NFC\r\nOK-0002,yubikey 5c nfc\r\nOK-0003,Security Key NFC\r\nOK-0004,Yubico Security Key NFC\r\n";
    const preview = await api.procurement.previewCsv({ poId: po.id, csv });
    expect(preview).toMatchObject({ canCommit: true, validCount: 4, errorCount: 0 });
    expect(await api.procurement.commitCsv({ poId: po.id, csv })).toEqual({
      received: 4,
      poStatus: "received",
    });
    const keys = await db.prisma.securityKey.findMany({
      where: { serial: { startsWith: "OK-" } },
      select: { serial: true, status: true, siteId: true, modelId: true },
    });
    expect(keys).toHaveLength(5);
    expect(keys.every((k) => k.status === "in_stock" && k.siteId === "lon")).toBe(true);
    expect(
      keys
        .filter((k) => k.modelId === "m2")
        .map((k) => k.serial)
        .sort(),
    ).toEqual(["OK-0003", "OK-0004"]);
    const ev = await db.prisma.auditEvent.findFirst({
      where: { subjectId: po.id, action: "procurement.po.receive" },
      orderBy: { seq: "desc" },
      select: { after: true },
    });
    expect(ev?.after).toMatchObject({ via: "csv", count: 4, status: "received" });
    // Committing the same file again is all duplicates now.
    const again = await failure(api.procurement.commitCsv({ poId: po.id, csv }));
    expect(again.message).toMatch(/is received; nothing more can be received/);
  });

  it("two concurrent CSV commits sharing a serial: one wins whole, the other receives nothing", async () => {
    const a = await ordered([{ modelId: "m1", quantity: 5 }]);
    const b = await ordered([{ modelId: "m1", quantity: 5 }]);
    const [ra, rb] = await Promise.allSettled([
      api.procurement.commitCsv({ poId: a.id, csv: "serial\nCC-A1\nCC-SHARED\nCC-A2\n" }),
      api.procurement.commitCsv({ poId: b.id, csv: "serial\nCC-B1\nCC-SHARED\nCC-B2\n" }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual(["fulfilled", "rejected"]);
    const loser = (ra.status === "rejected" ? ra : rb) as PromiseRejectedResult;
    expect(["CONFLICT", "BAD_REQUEST"]).toContain((loser.reason as TRPCError).code);
    expect((loser.reason as TRPCError).message).toMatch(/CC-SHARED|row/);
    expect(await db.prisma.securityKey.count({ where: { serial: { startsWith: "CC-" } } })).toBe(3);
  });
});
