import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { newPglite } from "./pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "../env";
import { quoteIdent, resolvePostgresTarget } from "./adapters";
import { createDatabase, openPostgres, type Database } from "./client";
import { applyMigrations, createMigration, pendingMigrations, readMigrations } from "./migrate";

const url = getEnv().DATABASE_URL;
const migrationNames = async () =>
  (await readMigrations(path.resolve("prisma/migrations"))).migrationDirectories.map((d) => d.path);

const auditRow = (n: number) => ({
  actorId: "a",
  actorName: "A",
  role: "admin",
  action: "test.event",
  subjectType: "Thing",
  subjectId: `t${n}`,
  requestId: "r",
  prevHash: n === 0 ? "" : `h${n - 1}`,
  hash: `h${n}`,
});

/** The same checks on whichever database `open` gives. */
function migratedDatabaseBehaviour(label: string, open: () => Promise<Database>) {
  describe(label, () => {
    let db: Database;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it("applies every migration on open and records each in _prisma_migrations", async () => {
      const names = await migrationNames();
      expect(db.migrations.applied).toEqual(names);
      const rows = await db.prisma.$queryRaw<{ migration_name: string; finished: boolean; steps: number }[]>`
        SELECT migration_name, finished_at IS NOT NULL AS finished, applied_steps_count AS steps
        FROM _prisma_migrations ORDER BY migration_name`;
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      expect(rows.every((r) => r.finished && r.steps === 1)).toBe(true);
    });

    it("creates the schema's tables", async () => {
      await db.prisma.site.create({ data: { code: "LON", name: "London" } });
      expect(await db.prisma.site.count()).toBe(1);
    });

    it("refuses UPDATE, DELETE and TRUNCATE on audit_events but accepts INSERT", async () => {
      await db.prisma.auditEvent.create({ data: auditRow(0) });
      await expect(db.prisma.auditEvent.updateMany({ data: { action: "forged" } })).rejects.toThrow(
        /append-only/,
      );
      await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
      await expect(db.prisma.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
      await expect(db.prisma.$executeRawUnsafe(`DELETE FROM audit_events WHERE false`)).rejects.toThrow(
        /append-only/,
      );
      const rows = await db.prisma.auditEvent.findMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.action).toBe("test.event");
    });
  });
}

describe("migrations on PGlite", () => {
  migratedDatabaseBehaviour("a fresh in-memory PGlite", () =>
    createDatabase({ dataDir: "unused", inMemory: true }),
  );

  it("applying again is a no-op", async () => {
    const client = newPglite();
    try {
      const first = await applyMigrations({ kind: "pglite", client });
      expect(first.applied).toEqual(await migrationNames());
      expect(await pendingMigrations({ kind: "pglite", client })).toEqual([]);
      expect(await applyMigrations({ kind: "pglite", client })).toEqual({ applied: [], total: first.total });
    } finally {
      await client.close();
    }
  });

  it("reopening an on-disk database applies nothing and keeps the data", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "kf-db-"));
    try {
      const first = await createDatabase({ dataDir });
      expect(first.migrations.applied).toEqual(await migrationNames());
      await first.prisma.site.create({ data: { code: "PAR", name: "Paris" } });
      await first.close();
      const second = await createDatabase({ dataDir });
      expect(second.migrations.applied).toEqual([]);
      expect(await second.prisma.site.count()).toBe(1);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!url)("migrations on PostgreSQL (DATABASE_URL)", () => {
  const schemas: string[] = [];
  const fresh = () => {
    const schema = `kf_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(schema);
    return { ...resolvePostgresTarget(url!), schema };
  };
  afterAll(async () => {
    const cleanup = await openPostgres(resolvePostgresTarget(url!), { migrate: false });
    for (const schema of schemas)
      await cleanup.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await cleanup.close();
  });

  migratedDatabaseBehaviour("a fresh schema", () => openPostgres(fresh()));

  it("applying again is a no-op", async () => {
    const target = fresh();
    const first = await applyMigrations({ kind: "postgresql", target });
    expect(first.applied).toEqual(await migrationNames());
    expect(await applyMigrations({ kind: "postgresql", target })).toEqual({
      applied: [],
      total: first.total,
    });
  });

  it("two migrators starting at once: one applies, the other finds it done", async () => {
    const target = fresh();
    const results = await Promise.all([
      applyMigrations({ kind: "postgresql", target }),
      applyMigrations({ kind: "postgresql", target }),
    ]);
    const names = await migrationNames();
    expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([names, []]);
    const db = await openPostgres(target, { migrate: false });
    try {
      const rows = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM _prisma_migrations`;
      expect(Number(rows[0]!.n)).toBe(names.length);
    } finally {
      await db.close();
    }
  });

  it("honours ?schema= in the URL", async () => {
    const schema = fresh().schema;
    const u = new URL(url!);
    u.searchParams.set("schema", schema);
    const db = await createDatabase({ url: u.toString(), dataDir: "unused" });
    try {
      expect(db.kind).toBe("postgresql");
      const rows = await db.prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ${schema} AND table_name = 'audit_events'`;
      expect(Number(rows[0]!.n)).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe("createMigration", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kf-migrations-"));
    await cp(path.resolve("prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
    await cp(path.resolve("prisma/schema.prisma"), path.join(dir, "schema.prisma"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const paths = () => ({
    migrationsDir: path.join(dir, "migrations"),
    schemaPath: path.join(dir, "schema.prisma"),
  });

  it("writes nothing when schema.prisma matches the migrations", async () => {
    const before = await readdir(paths().migrationsDir);
    const result = await createMigration("nothing_changed", paths());
    expect(result.created).toBe(false);
    expect(await readdir(paths().migrationsDir)).toEqual(before);
  });

  it("writes the next migration for a schema change, and it applies", async () => {
    const schema = await readFile(paths().schemaPath, "utf8");
    await writeFile(
      paths().schemaPath,
      `${schema}\nmodel Scratch {\n  id String @id\n  @@map("scratch")\n}\n`,
    );
    const result = await createMigration("add_scratch", paths());
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.name).toMatch(/^\d{14}_add_scratch$/);
    expect(result.sql).toContain(`CREATE TABLE "scratch"`);
    const db = await createDatabase({ dataDir: "unused", inMemory: true, ...paths() });
    try {
      expect(db.migrations.applied.at(-1)).toBe(result.name);
    } finally {
      await db.close();
    }
  });
});
