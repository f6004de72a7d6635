import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { DAY, isoDay } from "@/server/lib/time";

// Keys list/export, transfers, retirement, stock and the forecast, through the tRPC caller.

const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
const NOW = new Date("2026-03-01T09:00:00Z");
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;

async function failure(p: Promise<unknown>): Promise<TRPCError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TRPCError);
  return e as TRPCError;
}

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, clock: () => NOW });
  api = callerOf({ actor: buyer, requestId: "req-inv", services });
  const p = db.prisma;
  await p.site.createMany({
    data: [
      { id: "ams", code: "AMS", name: "Amsterdam", kind: "warehouse" },
      { id: "lon", code: "LON", name: "London", officeLocation: "London" },
      { id: "ber", code: "BER", name: "Berlin", officeLocation: "Berlin" },
    ],
  });
  await p.keyModel.createMany({
    data: [
      {
        id: "m1",
        vendor: "Yubico",
        productName: "YubiKey 5C NFC",
        formFactor: "usb_c_nfc",
        leadTimeDays: 14,
      },
      {
        id: "m2",
        vendor: "Yubico",
        productName: "Security Key NFC",
        formFactor: "usb_a_nfc",
        leadTimeDays: 10,
      },
    ],
  });
  await p.keyModelAaguid.create({ data: { aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a", modelId: "m1" } });
  await p.reorderPoint.createMany({
    data: [
      { siteId: "lon", modelId: "m1", minimum: 5 },
      { siteId: "ber", modelId: "m1", minimum: 2 },
    ],
  });
  const users = Array.from({ length: 12 }, (_, i) => ({
    id: `u${i}`,
    userPrincipalName: `user${i}@x.example`,
    displayName: i === 0 ? '=HYPERLINK("http://evil")' : `User ${String(i).padStart(2, "0")}`,
    department: i < 6 ? "IT" : "Sales",
    siteId: i % 2 ? "ber" : "lon",
    officeLocation: i % 2 ? "Berlin" : "London",
  }));
  await p.directoryUser.createMany({ data: users });
  // 20 keys: K-000..K-019. LON in stock 0-3, BER in stock 4-5, u0 holds K-006 (active), u1 holds K-007 (assigned), lost 8-9 (recently), AMS rest.
  await p.securityKey.createMany({
    data: Array.from({ length: 20 }, (_, i) => ({
      id: `k${i}`,
      serial: `K-${String(i).padStart(3, "0")}`,
      vendor: "Yubico",
      modelId: i === 19 ? "m2" : "m1",
      siteId: i < 4 ? "lon" : i < 6 ? "ber" : i < 8 ? (i === 6 ? "lon" : "ber") : i < 10 ? "lon" : "ams",
      status: i < 6 ? "in_stock" : i === 6 ? "active" : i === 7 ? "assigned" : i < 10 ? "lost" : "in_stock",
      custodianId: i === 6 ? "u0" : i === 7 ? "u1" : i === 8 ? "u2" : null,
      statusChangedAt:
        i === 8 || i === 9 ? new Date(NOW.getTime() - 10 * DAY) : new Date(NOW.getTime() - 100 * DAY),
    })),
  });
  await p.keyAssignment.create({
    data: {
      keyId: "k6",
      userId: "u0",
      assignedById: "agent",
      assignedAt: new Date(NOW.getTime() - 50 * DAY),
    },
  });
  await p.entraCredential.createMany({
    data: [
      {
        methodId: "cred-1",
        userId: "u0",
        aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
        keyId: "k6",
        matchMethod: "enrolled",
        createdDateTime: new Date(NOW.getTime() - 49 * DAY),
      },
      {
        methodId: "cred-2",
        userId: "u3",
        aaguid: "12345678-1234-1234-1234-123456789abc",
        model: "Mystery Key",
        isUnknownModel: true,
      },
    ],
  });
  // Waves: W1 (IT, backup required) starts in 30 days, W-old's deadline has passed.
  await p.rolloutWave.create({
    data: {
      id: "w1",
      name: "W1",
      startDate: new Date(NOW.getTime() + 30 * DAY),
      registrationDeadline: new Date(NOW.getTime() + 60 * DAY),
      requiresBackupKey: true,
      members: { create: users.filter((u) => u.department === "IT").map((u) => ({ userId: u.id })) },
    },
  });
  await p.rolloutWave.create({
    data: {
      id: "w0",
      name: "W-old",
      startDate: new Date(NOW.getTime() - 90 * DAY),
      registrationDeadline: new Date(NOW.getTime() - 30 * DAY),
      members: { create: users.filter((u) => u.department === "Sales").map((u) => ({ userId: u.id })) },
    },
  });
});
afterAll(async () => {
  await db?.close();
});

describe("keys list and export", () => {
  it("filters, sorts and pages on the server", async () => {
    const page = await api.inventory.keys({
      status: "in_stock",
      siteId: "lon",
      sort: { id: "serial", desc: true },
      pageSize: 3,
    });
    expect(page.total).toBe(4);
    expect(page.items.map((k) => k.serial)).toEqual(["K-003", "K-002", "K-001"]);
    const p2 = await api.inventory.keys({
      status: "in_stock",
      siteId: "lon",
      sort: { id: "serial", desc: true },
      pageSize: 3,
      page: 2,
    });
    expect(p2.items.map((k) => k.serial)).toEqual(["K-000"]);
  });

  it("searches by serial prefix (any case) and by custodian name", async () => {
    expect((await api.inventory.keys({ q: "k-01" })).items.map((k) => k.serial)).toEqual(
      Array.from({ length: 10 }, (_, i) => `K-01${i}`),
    );
    expect((await api.inventory.keys({ q: "User 01" })).items.map((k) => k.serial)).toEqual(["K-007"]);
    expect((await api.inventory.keys({ q: "zzz" })).total).toBe(0);
  });

  it("exports exactly the filtered view, every page, with formula cells neutralised", async () => {
    const out = await api.inventory.exportKeys({ siteId: "lon", sort: { id: "serial", desc: false } });
    const lines = out.csv.trim().split("\r\n");
    const listed = await api.inventory.keys({ siteId: "lon", pageSize: 200 });
    expect(lines.length - 1).toBe(listed.total);
    expect(out.rows).toBe(listed.total);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(listed.items.map((k) => k.serial));
    const k6 = lines.find((l) => l.startsWith("K-006"))!;
    expect(k6).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(k6).not.toMatch(/,=HYPERLINK/);
  });

  it("shows a key with its matched credential and timeline", async () => {
    const d = await api.inventory.key({ id: "k6" });
    expect(d.key).toMatchObject({ serial: "K-006", status: "active", custodianUpn: "user0@x.example" });
    expect(d.credential).toMatchObject({ methodId: "cred-1", matchMethod: "enrolled" });
    expect(d.timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(["received", "assignment", "credential"]),
    );
    expect((await failure(api.inventory.key({ id: "nope" }))).code).toBe("NOT_FOUND");
  });
});

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
