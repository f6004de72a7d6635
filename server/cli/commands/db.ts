import path from "node:path";
import { getEnv } from "../../env";
import { createDatabase } from "../../db/client";
import { createMigration } from "../../db/migrate";
import { CommandError, defineCommand } from "../registry";

export const dbMigrate = defineCommand({
  name: "db migrate",
  summary: "apply pending migrations to the configured database",
  async run({ log }) {
    const env = getEnv();
    log(
      env.DATABASE_URL
        ? "Migrating PostgreSQL…"
        : `Migrating the embedded database in ${path.resolve(env.KEYFLEET_DATA_DIR)}…`,
    );
    // Opening applies what is pending (under a lock on PostgreSQL).
    const db = await createDatabase({
      url: env.DATABASE_URL,
      migrationUrl: env.DATABASE_MIGRATION_URL,
      schema: env.DATABASE_SCHEMA,
      dataDir: env.KEYFLEET_DATA_DIR,
    });
    try {
      const { applied, total } = db.migrations;
      const text =
        applied.length === 0
          ? `Database (${db.kind}) is up to date: ${total} migration${total === 1 ? "" : "s"}, none pending.`
          : [
              `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"} to ${db.kind}:`,
              ...applied.map((n) => `  ${n}`),
            ].join("\n");
      return { data: { database: db.kind, applied, total }, text };
    } finally {
      await db.close();
    }
  },
});

export const dbMigration = defineCommand({
  name: "db migration",
  usage: "<name>",
  summary: "create the next migration from changes to prisma/schema.prisma",
  async run({ args, log }) {
    const name = args[0];
    if (!name || args.length > 1)
      throw new CommandError("expected one migration name, e.g. `db migration add_key_notes`", 2);
    log("Diffing prisma/schema.prisma against the migrations (in-memory PGlite)…");
    const result = await createMigration(name);
    if (!result.created)
      return {
        data: { created: false, reason: result.reason },
        text: `No migration written: ${result.reason}.`,
      };
    return {
      data: { created: true, name: result.name, directory: path.relative(process.cwd(), result.directory) },
      text: `Wrote ${path.relative(process.cwd(), result.directory)}/migration.sql — review it, then run \`npm run db:migrate\`.`,
    };
  },
});
