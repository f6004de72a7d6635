import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db, api, ordered, failure, shape, audits, useProcurementDatabase } from "./procurement.testing";

// Receiving by CSV, through the tRPC caller on a real database. Set-up: procurement.testing.ts.

useProcurementDatabase();

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
