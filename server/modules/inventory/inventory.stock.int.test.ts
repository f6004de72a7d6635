import { describe, expect, it } from "vitest";
import { DAY, isoDay } from "@/server/lib/time";
import { NOW, db, api, failure, useInventoryDatabase } from "./inventory.testing";

// Transfers, retirement, stock, reorder points, models and the forecast, through the tRPC caller. The later
// blocks count what the transfers and retirements did, so they stay in this one file, in this order.
// Set-up: inventory.testing.ts.

useInventoryDatabase();

describe("transfers and retirement", () => {
  it("transfers keys in stock to another site with one audit event per key", async () => {
    const keys = (
      await api.inventory.keys({
        siteId: "ams",
        status: "in_stock",
        pageSize: 3,
        sort: { id: "serial", desc: false },
      })
    ).items;
    expect(
      await api.inventory.transferKeys({
        keys: keys.map((k) => ({ id: k.id, version: k.version })),
        toSiteId: "ber",
        note: "restock",
      }),
    ).toEqual({ updated: 3 });
    const moved = await db.prisma.securityKey.findMany({
      where: { id: { in: keys.map((k) => k.id) } },
      select: { siteId: true, version: true },
    });
    expect(moved.every((k) => k.siteId === "ber" && k.version === 1)).toBe(true);
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "inventory.key.transfer", subjectId: { in: keys.map((k) => k.id) } },
      }),
    ).toBe(3);
  });

  it("is all or nothing: one assigned key in the batch and nothing moves, with CONFLICT naming its state", async () => {
    const batch = [
      { id: "k0", version: 0 },
      { id: "k7", version: 0 },
    ];
    const e = await failure(api.inventory.transferKeys({ keys: batch, toSiteId: "ams" }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe(
      "Key K-007 is assigned at BER; only keys that are in stock or returned can be transferred.",
    );
    expect(
      (await db.prisma.securityKey.findUnique({ where: { id: "k0" }, select: { siteId: true } }))?.siteId,
    ).toBe("lon");
  });

  it("refuses a stale version (someone changed the key since it was loaded) and names the current state", async () => {
    await api.inventory.transferKeys({ keys: [{ id: "k1", version: 0 }], toSiteId: "ber" });
    const e = await failure(
      api.inventory.transferKeys({ keys: [{ id: "k1", version: 0 }], toSiteId: "ams" }),
    );
    expect(e.message).toBe(
      "Key K-001 changed since you loaded it: it is now in stock at BER. Reload and try again.",
    );
    // Two concurrent transfers of the same version: exactly one wins.
    const r = await Promise.allSettled([
      api.inventory.transferKeys({ keys: [{ id: "k2", version: 0 }], toSiteId: "ber" }),
      api.inventory.transferKeys({ keys: [{ id: "k2", version: 0 }], toSiteId: "ams" }),
    ]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(
      (await db.prisma.securityKey.findUnique({ where: { id: "k2" }, select: { version: true } }))?.version,
    ).toBe(1);
  });

  it("retires keys not in use, refuses a key whose credential is still live in Entra (all or nothing), and validates the reason", async () => {
    expect(
      await api.inventory.retireKeys({ keys: [{ id: "k9", version: 0 }], reason: "written off after loss" }),
    ).toEqual({ updated: 1 });
    // k6 is active with cred-1 live in Entra: the credential must be deleted first, so k3 in the same batch stays too.
    const live = await failure(
      api.inventory.retireKeys({
        keys: [
          { id: "k3", version: 0 },
          { id: "k6", version: 0 },
        ],
        reason: "old",
      }),
    );
    expect([live.code, live.message]).toEqual([
      "PRECONDITION_FAILED",
      "Key K-006 still has a live credential in Entra; delete the credential before it is retired.",
    ]);
    expect(
      (
        await db.prisma.securityKey.findMany({
          where: { id: { in: ["k3", "k6"] } },
          select: { status: true },
          orderBy: { id: "asc" },
        })
      ).map((k) => k.status),
    ).toEqual(["in_stock", "active"]);
    const again = await failure(
      api.inventory.retireKeys({ keys: [{ id: "k9", version: 1 }], reason: "twice" }),
    );
    expect([again.code, again.message]).toEqual([
      "CONFLICT",
      "Key K-009 is retired at LON; only keys that are not retired can be retired.",
    ]);
    expect(
      (await failure(api.inventory.retireKeys({ keys: [{ id: "k3", version: 0 }], reason: "" }))).code,
    ).toBe("BAD_REQUEST");
    expect((await failure(api.inventory.transferKeys({ keys: [], toSiteId: "ams" }))).code).toBe(
      "BAD_REQUEST",
    );
  });

  it("retires a key someone holds when no credential is live (the lifecycle: any → retired): it is nobody's any more", async () => {
    await db.prisma.securityKey.create({
      data: {
        id: "k90",
        serial: "K-090",
        vendor: "Yubico",
        modelId: "m2",
        siteId: "ams",
        status: "assigned",
        custodianId: "u5",
      },
    });
    await db.prisma.keyAssignment.create({
      data: {
        id: "a90",
        keyId: "k90",
        userId: "u5",
        assignedById: "agent",
        assignedAt: new Date(NOW.getTime() - 20 * DAY),
      },
    });
    expect(
      await api.inventory.retireKeys({
        keys: [{ id: "k90", version: 0 }],
        reason: "never arrived, written off",
      }),
    ).toEqual({ updated: 1 });
    expect(
      await db.prisma.securityKey.findUnique({
        where: { id: "k90" },
        select: { status: true, custodianId: true, version: true },
      }),
    ).toEqual({ status: "retired", custodianId: null, version: 1 });
    expect(
      await db.prisma.keyAssignment.findUnique({
        where: { id: "a90" },
        select: { endedAt: true, endReason: true },
      }),
    ).toEqual({ endedAt: NOW, endReason: "retired: never arrived, written off" });
    const ev = await db.prisma.auditEvent.findFirst({
      where: { action: "inventory.key.retire", subjectId: "k90" },
      select: { before: true, after: true },
    });
    expect(ev).toEqual({
      before: { status: "assigned", custodianId: "u5" },
      after: { status: "retired", reason: "never arrived, written off", custodianId: null },
    });
  });
});

describe("stock, reorder points, models", () => {
  it("summarises stock per site and model and flags stock under the reorder point", async () => {
    const s = await api.inventory.stock({});
    const lon = s.rows.find((r) => r.site === "LON" && r.modelId === "m1")!;
    // LON m1: k0, k3 in stock (k1, k2 moved to BER), k6 active, k8+k9 lost/retired → k8 lost.
    expect(lon).toMatchObject({ inStock: 2, assigned: 1, lost: 1, reorderPoint: 5, isLow: true });
    expect(s.lowCount).toBeGreaterThanOrEqual(1);
    await api.inventory.setReorderPoint({ siteId: "lon", modelId: "m1", minimum: 2 });
    const after = await api.inventory.stock({ onlyLow: true });
    expect(after.rows.find((r) => r.site === "LON")).toBeUndefined();
    expect(await db.prisma.auditEvent.count({ where: { action: "inventory.reorder_point.set" } })).toBe(1);
    await api.inventory.setReorderPoint({ siteId: "lon", modelId: "m1", minimum: 5 });
  });

  it("lists AAGUIDs no model claims and maps one to a model", async () => {
    const unknown = await api.inventory.unknownAaguids();
    expect(unknown).toEqual([
      {
        aaguid: "12345678-1234-1234-1234-123456789abc",
        credentials: 1,
        exampleModel: "Mystery Key",
        catalog: null,
      },
    ]);
    expect(
      await api.inventory.mapAaguid({ aaguid: "12345678-1234-1234-1234-123456789ABC", modelId: "m2" }),
    ).toEqual({ credentialsUpdated: 1 });
    expect(await api.inventory.unknownAaguids()).toEqual([]);
    const e = await failure(api.inventory.mapAaguid({ aaguid: "not-a-guid", modelId: "m2" }));
    expect(e.code).toBe("BAD_REQUEST");
  });

  it("creates and edits models, refusing a duplicate name with a field error", async () => {
    const fields = {
      vendor: "Acme",
      productName: "Key X",
      formFactor: "usb_c" as const,
      unitCostCents: 1000,
      leadTimeDays: 7,
      aaguids: ["aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"],
    };
    const { id } = await api.inventory.createModel(fields);
    await api.inventory.updateModel({ ...fields, id, unitCostCents: 1200 });
    const m = (await api.inventory.models()).find((x) => x.id === id)!;
    expect(m).toMatchObject({
      unitCostCents: 1200,
      aaguids: ["aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"],
      keyCount: 0,
    });
    const dup = await failure(api.inventory.createModel(fields));
    expect(dup.code).toBe("CONFLICT");
  });

  it("lists model options for filters: every model by vendor and name, and nothing else", async () => {
    const options = await api.inventory.modelOptions();
    const full = await api.inventory.models();
    expect(options).toEqual(full.map(({ id, vendor, productName }) => ({ id, vendor, productName })));
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(options[0]!).sort()).toEqual(["id", "productName", "vendor"]); // no key counts
  });
});

describe("forecast (database inputs)", () => {
  it("counts users of upcoming waves without keys, backup keys, and losses in the last 90 days", async () => {
    const f = await api.procurement.forecast({ horizonDays: 90 });
    // Losses in window: k8 lost 10 days ago (k9 was retired since). In service: k6 + k7 = 2. Exposure 3.
    expect(f.lossRate).toMatchObject({ losses: 1, exposure: 3, windowDays: 90 });
    // W1 = IT users u0..u5 needing 2 keys each: u0 holds 1 (k6), u1 holds 1 (k7). LON: u0,u2,u4 → 1+2+2 = 5; BER: u1,u3,u5 → 1+2+2 = 5.
    const lon = f.lines.find((l) => l.site === "LON")!;
    const ber = f.lines.find((l) => l.site === "BER")!;
    expect(lon).toMatchObject({
      model: "YubiKey 5C NFC",
      waveDemand: 5,
      replacementDemand: 1,
      reorderPoint: 5,
      inStock: 2,
      onOrder: 0,
      recommendedQuantity: 9,
      waves: ["W1"],
    });
    expect(ber.waveDemand).toBe(5);
    expect(isoDay(lon.neededBy)).toBe("2026-03-31");
    expect(isoDay(lon.orderBy)).toBe("2026-03-17");
    expect(lon.isLate).toBe(false);
  });
});
