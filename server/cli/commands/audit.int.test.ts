import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { createDatabase } from "@/server/db/client";

const run = promisify(execFile);
let dataDir: string;

// The CLI runs as its own process on an embedded database made for this test.
async function cli(...args: string[]) {
  const env = { ...process.env, KEYFLEET_DATA_DIR: dataDir, DATABASE_URL: "" };
  try {
    const { stdout, stderr } = await run(
      "npx",
      ["tsx", "--conditions=react-server", "server/cli/main.ts", ...args],
      { env },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof createDatabase>>) => Promise<T>): Promise<T> {
  const db = await createDatabase({ dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "kf-cli-audit-"));
  await withDb(async (db) => {
    const s = buildServices({ prisma: db.prisma });
    for (const id of ["a", "b", "c"]) {
      await s.uow.run((tx) =>
        s.audit.record(
          tx,
          { actor: systemActor, requestId: "cli-test" },
          { action: "test.cli", subjectType: "T", subjectId: id },
        ),
      );
    }
  });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("keyfleet audit verify", () => {
  it("passes on an intact chain", async () => {
    const result = await cli("audit", "verify", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, checked: 3 });
  });

  it("exits 1 and names the first broken link after a row is tampered with", async () => {
    const seq = await withDb(async (db) => {
      const rows = await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } });
      const target = rows[1]!.seq;
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
        await tx.$executeRawUnsafe(
          `UPDATE audit_events SET "actorName" = 'Someone else' WHERE seq = ${target}`,
        );
      });
      return String(target);
    });
    const result = await cli("audit", "verify");
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toContain(`#${seq}`);
  });
});
