import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { securityKeyNfc, yubikey5c } from "@/server/db/fixtures";

// The stock summary reads counters a trigger keeps on security_keys (key_stock_counts). Whatever happens
// to keys — created one by one or in bulk, moved between sites, models and statuses, deleted, truncated —
// the summary must give the same numbers as counting the keys themselves.

let db: TestDatabase;
let s: Services;

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma });
  await db.prisma.site.createMany({
    data: [
      { id: "lon", code: "LON", name: "London" },
      { id: "ber", code: "BER", name: "Berlin" },
    ],
  });
  await db.prisma.keyModel.createMany({
    data: [yubikey5c, securityKeyNfc],
  });
});
afterAll(async () => {
  await db?.close();
});

/** In stock per site and model, counted from the keys themselves. */
async function truth() {
  const keys = await db.prisma.securityKey.findMany({
    select: { siteId: true, modelId: true, status: true },
  });
  const out: Record<string, number> = {};
  for (const k of keys)
    if (k.status === "in_stock") out[`${k.siteId}/${k.modelId}`] = (out[`${k.siteId}/${k.modelId}`] ?? 0) + 1;
  return out;
}
async function summary() {
  const { rows } = await s.inventory.stockSummary({});
  const out: Record<string, number> = {};
  for (const r of rows) if (r.inStock > 0) out[`${r.siteId}/${r.modelId}`] = r.inStock;
  return out;
}

describe("stock counters (key_stock_counts)", () => {
  it("follow inserts, moves of site, model and status, and deletes", async () => {
    await db.prisma.securityKey.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        id: `k${i}`,
        serial: `S-${i}`,
        vendor: "Yubico",
        modelId: i % 3 ? "m1" : "m2",
        siteId: i % 2 ? "ber" : "lon",
        status: i < 20 ? ("in_stock" as const) : ("assigned" as const),
      })),
    });
    expect(await summary()).toEqual(await truth());
    expect(Object.values(await summary()).reduce((a, b) => a + b, 0)).toBe(20);

    await db.prisma.securityKey.updateMany({
      where: { id: { in: ["k0", "k1", "k2"] } },
      data: { status: "lost" },
    });
    await db.prisma.securityKey.update({ where: { id: "k4" }, data: { siteId: "ber" } });
    await db.prisma.securityKey.update({ where: { id: "k5" }, data: { modelId: "m2", notes: "relabelled" } });
    await db.prisma.securityKey.update({ where: { id: "k20" }, data: { status: "in_stock" } });
    await db.prisma.securityKey.update({ where: { id: "k6" }, data: { notes: "no move" } });
    await db.prisma.securityKey.deleteMany({ where: { id: { in: ["k7", "k8"] } } });
    expect(await summary()).toEqual(await truth());
    expect(Object.values(await summary()).reduce((a, b) => a + b, 0)).toBe(20 - 3 + 1 - 2);
  });

  it("a rolled-back change leaves the counters as they were", async () => {
    const before = await summary();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.securityKey.update({ where: { id: "k10" }, data: { status: "retired" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await summary()).toEqual(before);
    expect(await summary()).toEqual(await truth());
  });

  it("are emptied when the keys table is truncated", async () => {
    await db.prisma.$executeRawUnsafe(`TRUNCATE "security_keys" CASCADE`);
    expect(await summary()).toEqual({});
    expect(await db.prisma.keyStockCount.count()).toBe(0);
  });
});
