import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { createDatabase } from "@/server/db/client";
import { setLogLevel } from "@/server/lib/logger";
import { startCheckpoints } from "./audit.checkpoint";

// The attack a hash chain alone misses: the table owner switches the append-only trigger off and
// deletes the NEWEST events. What is left is a shorter chain that links perfectly. The heads the portal
// logged while it ran (real logger output, captured from stderr) are what `audit verify --checkpoints`
// holds the database to.

const run = promisify(execFile);
let dir: string;
let logFile: string;

async function cli(...args: string[]) {
  const env = { ...process.env, KEYFLEET_DATA_DIR: dir, DATABASE_URL: "", DATABASE_MIGRATION_URL: "" };
  try {
    const { stdout, stderr } = await run(
      "npx",
      ["tsx", "--conditions=react-server", "server/cli/main.ts", ...args],
      { env },
    );
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof createDatabase>>) => Promise<T>): Promise<T> {
  const db = await createDatabase({ dataDir: dir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

let seqs: bigint[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kf-audit-checkpoint-"));
  logFile = path.join(dir, "portal.log");
  const lines: string[] = [];
  await withDb(async (db) => {
    const s = buildServices({ prisma: db.prisma });
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    setLogLevel("error"); // an operator who only wants errors still gets the checkpoints
    try {
      const checkpoints = startCheckpoints(s.audit, { every: 3, intervalMs: 3_600_000 });
      await checkpoints.ready; // an empty trail: nothing to write yet
      for (let i = 0; i < 7; i++) {
        await s.uow.run((tx) =>
          s.audit.record(
            tx,
            { actor: systemActor, requestId: "checkpoint-test" },
            { action: "test.checkpoint", subjectType: "T", subjectId: `t${i}` },
          ),
        );
      }
      checkpoints.stop(); // what the process's exit does
    } finally {
      spy.mockRestore();
      setLogLevel("info");
    }
    seqs = (await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } })).map(
      (r) => r.seq,
    );
  });
  // The log also carries other lines, and text a log shipper may put in front of each JSON line.
  const noise = [
    '{"level":"info","message":"KeyFleet ready"}',
    "not json at all",
    '{"message":"audit.checkpoint","seq":"x","hash":"y"}',
  ];
  await writeFile(
    logFile,
    [
      noise[0],
      ...lines.map((l) => `2026-12-06T02:00:00Z host portal: ${l.trim()}`),
      noise[1],
      noise[2],
      "",
    ].join("\n"),
  );
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("audit checkpoints anchor the chain's head outside the database", () => {
  it("logs the head after every 3 committed events and at shutdown, whatever LOG_LEVEL says", async () => {
    const { parseCheckpoints } = await import("./audit.checkpoint");
    const { readFile } = await import("node:fs/promises");
    const cps = parseCheckpoints(await readFile(logFile, "utf8"));
    expect(cps.map((c) => c.seq)).toEqual([seqs[2], seqs[5], seqs[6]]);
  });

  it("an intact trail passes against the checkpoints", async () => {
    const ok = await cli("audit", "verify", "--checkpoints", logFile);
    expect(ok.out).toContain("3 checkpoint(s)");
    expect(ok.code).toBe(0);
  });

  it("as the owner, trigger off and the last two events deleted: the chain alone still verifies, the checkpoints do not (exit 1, naming the checkpoint)", async () => {
    await withDb(async (db) => {
      await db.prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await db.prisma.$executeRawUnsafe(`DELETE FROM audit_events WHERE seq > ${seqs[4]}`);
      await db.prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
      expect(await db.prisma.auditEvent.count()).toBe(5);
    });
    const chainOnly = await cli("audit", "verify");
    expect(chainOnly.code).toBe(0); // the gap this feature closes

    const anchored = await cli("audit", "verify", "--checkpoints", logFile);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toContain(`does NOT match the checkpoint of`);
    expect(anchored.out).toContain(`event #${seqs[5]}`); // the first checkpoint the database contradicts
    expect(anchored.out).toContain(`the trail ends at event #${seqs[4]}`);
    expect(anchored.out).not.toContain("intact");
  });
});
