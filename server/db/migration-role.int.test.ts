import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { getEnv } from "@/server/env";
import { quoteIdent } from "./adapters";
import { createDatabase, type Database } from "./client";

// PostgreSQL only: the portal serves with a role that owns nothing (DATABASE_URL) while migrations run
// as the owner (DATABASE_MIGRATION_URL). The serving role can write audit events but can neither switch
// the append-only trigger off nor go around it. Roles are per server, so each run makes its own.
// The grants are the README's ("A separate migration role"), word for word.

const base = getEnv().DATABASE_URL;
const suffix = `${process.pid}_${randomBytes(3).toString("hex")}`;
const owner = `kf_owner_${suffix}`;
const app = `kf_app_${suffix}`;
const schema = `kf_roles_${suffix}`;
const as = (role: string) => {
  const url = new URL(base!);
  url.username = role;
  url.password = "";
  return url.toString();
};

let admin: pg.Client;
let db: Database;
let appClient: pg.Client;

beforeAll(async () => {
  if (!base) return;
  admin = new pg.Client({ connectionString: base });
  await admin.connect();
  // What the DBA does once (README).
  await admin.query(`CREATE ROLE ${owner} LOGIN; CREATE ROLE ${app} LOGIN`);
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)} AUTHORIZATION ${owner}`);
  await admin.query(
    `DO $$ BEGIN IF to_regnamespace('extensions') IS NOT NULL THEN EXECUTE 'GRANT USAGE ON SCHEMA extensions TO ${owner}, ${app}'; END IF; END $$`,
  );
  // What the owner does once, before the first migration (README).
  const o = new pg.Client({ connectionString: as(owner) });
  await o.connect();
  await o.query(`
    GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${app};
    ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${quoteIdent(schema)} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
    ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${quoteIdent(schema)} GRANT USAGE, SELECT ON SEQUENCES TO ${app};
  `);
  await o.end();
  db = await createDatabase({ url: as(app), migrationUrl: as(owner), schema, dataDir: ".data-unused" });
  appClient = new pg.Client({ connectionString: as(app), options: `-c search_path=${quoteIdent(schema)}` });
  await appClient.connect();
}, 120_000);

afterAll(async () => {
  if (!base) return;
  await appClient?.end();
  await db?.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await admin.query(
    `DROP OWNED BY ${app}, ${owner}; DROP ROLE IF EXISTS ${app}; DROP ROLE IF EXISTS ${owner}`,
  );
  await admin.end();
});

describe.skipIf(!base)("a serving role that owns nothing (PostgreSQL)", () => {
  it("migrations ran as the owner: every table belongs to it, none to the serving role", async () => {
    expect(db.migrations.applied.length).toBe(db.migrations.total);
    const { rows } = await admin.query(
      `SELECT pg_get_userbyid(c.relowner) AS owner, count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 GROUP BY 1`,
      [schema],
    );
    expect(rows).toEqual([{ owner, n: expect.any(Number) }]);
  });

  it("the portal works through the serving role: it records audit events", async () => {
    const s = buildServices({ prisma: db.prisma });
    await s.uow.run((tx) =>
      s.audit.record(
        tx,
        { actor: systemActor, requestId: "roles-test" },
        { action: "test.roles", subjectType: "T", subjectId: "1" },
      ),
    );
    expect(await s.audit.verify()).toEqual({ ok: true, checked: 1 });
  });

  it("the serving role cannot disable, drop or bypass the append-only trigger, nor delete events", async () => {
    const refused = (sql: string) =>
      appClient.query(sql).then(
        () => "allowed",
        (e: Error) => e.message,
      );
    expect(await refused(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`)).toMatch(
      /must be owner of table audit_events/,
    );
    expect(await refused(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
    expect(await refused(`DROP TRIGGER audit_events_append_only ON audit_events`)).toMatch(/must be owner/);
    expect(await refused(`SET session_replication_role = replica`)).toMatch(/permission denied/);
    expect(await refused(`TRUNCATE audit_events`)).toMatch(/permission denied/);
    expect(await refused(`DELETE FROM audit_events`)).toMatch(/append-only/i);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}.audit_events`);
    expect(rows[0].n).toBe(1);
  });

  it("a restart with only the serving role's URL opens the migrated database (no CREATE needed)", async () => {
    const again = await createDatabase({ url: as(app), schema, dataDir: ".data-unused" });
    try {
      expect(again.migrations.applied).toEqual([]);
      await again.ping();
    } finally {
      await again.close();
    }
  });

  it("pending migrations and only the serving role: start-up stops with a message that says what to run", async () => {
    await admin.query(
      `CREATE SCHEMA ${quoteIdent(`${schema}_new`)} AUTHORIZATION ${owner}; GRANT USAGE ON SCHEMA ${quoteIdent(`${schema}_new`)} TO ${app}`,
    );
    const opening = createDatabase({ url: as(app), schema: `${schema}_new`, dataDir: ".data-unused" });
    await expect(opening).rejects.toThrow(/may not apply them.*keyfleet db migrate.*DATABASE_MIGRATION_URL/);
    await admin.query(`DROP SCHEMA ${quoteIdent(`${schema}_new`)} CASCADE`);
  });
});
