import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { GraphPort } from "@/server/graph/port";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { makeDirectoryRepository } from "@/server/modules/directory/directory.repository";
import { makeCredentialRepository } from "./credentials.repository";
import { makeSyncRepository } from "./sync.repository";
import { makeSyncService } from "./sync.service";
import { DAY } from "@/server/lib/time";

// The background sweep: with nothing changing in the tenant, daily incremental runs still re-read
// everyone's FIDO2 methods within the sweep period (7 days), a seventh of the users a day, those never
// read (or read longest ago) first — and no more than that.

let sim: RunningSimulator;
let db: TestDatabase;
let graph: GraphPort;
let offset = 0;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 51, reportLagMinutes: 0 });
  db = await createTestDatabase();
  graph = fastAdapter(sim).graph;
});

afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("background sweep", () => {
  it("reads a share of the users each run, never-read first, and everyone within the period", async () => {
    const { uow, matching, audit } = buildServices({ prisma: db.prisma, graph });
    const sync = makeSyncService({
      uow,
      graph,
      matching,
      audit,
      clock: () => new Date(Date.now() + offset),
      directory: makeDirectoryRepository(),
      credentials: makeCredentialRepository(),
      repo: makeSyncRepository(),
      sweepPeriodMs: 7 * DAY,
      reportIntervalMs: 365 * DAY,
    });
    const reads = () => sim.control.stats().byRoute.listFido2Methods ?? 0;
    const full = await sync.run();
    if (full.skipped || full.status !== "succeeded") throw new Error("the first sync did not succeed");
    const live = await db.prisma.directoryUser.count({ where: { deletedAt: null } });
    const neverRead = async () =>
      (
        await db.prisma.directoryUser.findMany({
          where: { deletedAt: null, methodsReadAt: null },
          select: { id: true },
        })
      ).map((u) => u.id);
    const unreadAfterFull = new Set(await neverRead());
    expect(unreadAfterFull.size).toBeGreaterThan(live / 7); // non-holders: the report gave no reason to read them

    let swept = 0;
    for (let day = 1; day <= 7; day++) {
      offset = day * DAY + 1_000;
      const before = reads();
      const beforeUnread = new Set(await neverRead());
      const r = await sync.run();
      if (r.skipped) throw new Error("skipped");
      expect(r.status).toBe("succeeded");
      const n = reads() - before;
      expect(n).toBeLessThanOrEqual(Math.ceil(live / 7));
      expect(n).toBeGreaterThanOrEqual(Math.floor(live / 7));
      if (day === 1) {
        // Never-read users go first.
        const nowUnread = new Set(await neverRead());
        expect([...beforeUnread].filter((id) => !nowUnread.has(id))).toHaveLength(n);
      }
      swept += n;
    }
    // A week of daily runs: everyone once, nobody twice.
    expect(swept).toBe(live);
    expect(await neverRead()).toEqual([]);
    const oldest = await db.prisma.directoryUser.findFirstOrThrow({
      where: { deletedAt: null },
      orderBy: { methodsReadAt: "asc" },
      select: { methodsReadAt: true },
    });
    expect(oldest.methodsReadAt!.getTime()).toBeGreaterThan(Date.now() + offset - 7 * DAY);
  });
});
