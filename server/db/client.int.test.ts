import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../env";
import { closeDb, createDatabase, getDb, withTransaction, type Database } from "./client";
import { DataDirInUseError } from "./data-dir-lock";
import { createTestDatabase } from "./testing";

describe("database client (PGlite)", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase({ url: null });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("withTransaction commits everything or nothing", async () => {
    await withTransaction(
      async (tx) => {
        await tx.site.create({ data: { code: "A1", name: "A" } });
        await tx.site.create({ data: { code: "A2", name: "A" } });
      },
      { db },
    );
    await expect(
      withTransaction(
        async (tx) => {
          await tx.site.create({ data: { code: "B1", name: "B" } });
          throw new Error("boom");
        },
        { db },
      ),
    ).rejects.toThrow("boom");
    expect(
      (await db.prisma.site.findMany({ select: { code: true }, orderBy: { code: "asc" } })).map(
        (s) => s.code,
      ),
    ).toEqual(["A1", "A2"]);
  });

  it("serialises concurrent transactions and queries on the single PGlite connection without losing any", async () => {
    const model = await db.prisma.keyModel.create({
      data: { vendor: "Yubico", productName: "Counter", formFactor: "usb_c" },
    });
    const increments = Array.from({ length: 20 }, () =>
      withTransaction(
        async (tx) => {
          const current = await tx.keyModel.findUniqueOrThrow({
            where: { id: model.id },
            select: { leadTimeDays: true },
          });
          await new Promise((r) => setTimeout(r, 2));
          await tx.keyModel.update({
            where: { id: model.id },
            data: { leadTimeDays: current.leadTimeDays + 1 },
          });
        },
        { db },
      ),
    );
    const reads = Array.from({ length: 20 }, () => db.prisma.keyModel.count());
    await Promise.all([...increments, ...reads]);
    const after = await db.prisma.keyModel.findUniqueOrThrow({ where: { id: model.id } });
    // Read-modify-write in 20 overlapping transactions: only strict serialisation gives +20.
    expect(after.leadTimeDays).toBe(14 + 20);
  });

  it("answers ping and reports its kind", async () => {
    await expect(db.ping()).resolves.toBeUndefined();
    expect(db.kind).toBe("pglite");
  });
});

describe("on-disk PGlite", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kf-client-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses a second opener of the same data directory while the first is open", async () => {
    const buffers = async (db: Awaited<ReturnType<typeof createDatabase>>) =>
      (await db.prisma.$queryRaw<{ b: string }[]>`SELECT current_setting('shared_buffers') AS b`)[0]!.b;
    const first = await createDatabase({ dataDir });
    try {
      // A new data dir is made with PostgreSQL's default buffers (initdb and migrations run faster so).
      expect(await buffers(first)).toBe("128MB");
      await expect(createDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await first.close();
    }
    const again = await createDatabase({ dataDir });
    // Every later start opens it with 16 MB: ~130 MB less RSS (docs/BENCHMARKS.md, "capacity").
    expect(await buffers(again)).toBe("16MB");
    await again.close();
  });

  it("getDb() opens one process-wide database from the environment and reuses it", async () => {
    const saved = { dir: process.env.KEYFLEET_DATA_DIR, url: process.env.DATABASE_URL };
    process.env.KEYFLEET_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    resetEnvForTests();
    try {
      const [a, b] = await Promise.all([getDb(), getDb()]);
      expect(a).toBe(b);
      expect(a.kind).toBe("pglite");
      await a.ping();
    } finally {
      await closeDb();
      process.env.KEYFLEET_DATA_DIR = saved.dir;
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
      if (saved.dir === undefined) delete process.env.KEYFLEET_DATA_DIR;
      resetEnvForTests();
    }
  });
});
