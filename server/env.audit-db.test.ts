import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { envProblems } from "./env.testing";

// The variables of the audit-trail hardening (docs/SECURITY.md, review findings): the migration role
// and the checkpoint cadence. Kept apart from env.test.ts, which other areas extend.

const problems = envProblems;

describe("audit and database-role settings", () => {
  it("default to a checkpoint every 100 events or 5 minutes, and no migration role", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ AUDIT_CHECKPOINT_EVERY: 100, AUDIT_CHECKPOINT_MINUTES: 5 });
    expect(env.DATABASE_MIGRATION_URL).toBeUndefined();
  });

  it("take a migration role only beside DATABASE_URL, and only a postgresql:// URL", () => {
    const url = "postgresql://keyfleet_app@db:5432/kf";
    expect(
      parseEnv({ DATABASE_URL: url, DATABASE_MIGRATION_URL: "postgresql://keyfleet_owner@db:5432/kf" })
        .DATABASE_MIGRATION_URL,
    ).toBe("postgresql://keyfleet_owner@db:5432/kf");
    expect(problems({ DATABASE_MIGRATION_URL: "postgresql://keyfleet_owner@db:5432/kf" })).toEqual([
      expect.stringMatching(/^DATABASE_MIGRATION_URL: only with DATABASE_URL/),
    ]);
    expect(problems({ DATABASE_URL: url, DATABASE_MIGRATION_URL: "mysql://x" })).toEqual([
      expect.stringMatching(/^DATABASE_MIGRATION_URL: expected a postgresql/),
    ]);
    expect(problems({ AUDIT_CHECKPOINT_EVERY: "0", AUDIT_CHECKPOINT_MINUTES: "soon" })).toHaveLength(2);
  });
});
