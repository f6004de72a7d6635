import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { GraphPort } from "@/server/graph/port";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { makeDirectoryRepository } from "@/server/modules/directory/directory.repository";
import { makeCredentialRepository } from "./credentials.repository";
import { makeSyncRepository } from "./sync.repository";
import { makeSyncService, type PostSyncHook, type PostSyncRun } from "./sync.service";

// The extension point other modules hang work on (closing cases, mirroring sign-ins): hooks run after
// matching, in order, with the run's own Graph, and a failing hook is an error of the run, not its end.

let sim: RunningSimulator;
let db: TestDatabase;
let graph: GraphPort;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 30, seed: 5, reportLagMinutes: 0 });
  db = await createTestDatabase();
  graph = fastAdapter(sim).graph;
});

afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

function syncWith(hooks: PostSyncHook[]) {
  const { uow, matching, audit } = buildServices({ prisma: db.prisma, graph });
  return makeSyncService({
    uow,
    graph,
    matching,
    audit,
    clock: () => new Date(),
    postSyncHooks: hooks,
    directory: makeDirectoryRepository(),
    credentials: makeCredentialRepository(),
    repo: makeSyncRepository(),
  });
}

describe("post-sync hooks", () => {
  it("run in order once the mirror is written, with the run's Graph; a throwing hook is recorded and the next one still runs", async () => {
    const calls: { name: string; run: PostSyncRun; mirroredCredentials: number }[] = [];
    const record = (name: string) => async (run: PostSyncRun) => {
      calls.push({ name, run, mirroredCredentials: await db.prisma.entraCredential.count() });
    };
    const sync = syncWith([
      {
        name: "first",
        run: async (run) => {
          await record("first")(run);
          await run.graph.getTapPolicy(); // counted in the run's figures
        },
      },
      { name: "broken", run: async () => Promise.reject(new Error("case store unavailable")) },
      { name: "last", run: record("last") },
    ]);
    const r = await sync.run();
    if (r.skipped) throw new Error("skipped");
    expect(r.status).toBe("succeeded");
    expect(calls.map((c) => c.name)).toEqual(["first", "last"]);
    expect(calls[0]).toMatchObject({ run: { runId: r.runId, kind: "full" } });
    expect(calls[0]!.mirroredCredentials).toBe(r.credentials);
    expect(r.errors).toContainEqual({ message: "broken: case store unavailable" });
    const row = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(row.graphRequests).toBe(r.requests);
    expect(calls[0]!.run.graph.counters().requests).toBe(r.requests);
  });

  it("run for a one-user refresh with that user, and not at all when the run failed", async () => {
    const seen: PostSyncRun[] = [];
    const hook = { name: "spy", run: async (run: PostSyncRun) => void seen.push(run) };
    const u = sim.tenant.users.find((x) => x.deletedAt === null)!;
    const agent = {
      actor: { id: "agent-1", name: "Agent", email: null, roles: ["helpdesk" as const] },
      requestId: "req-1",
    };
    await syncWith([hook]).refreshUser(agent, u.id);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: "user", userId: u.id, ctx: agent });

    sim.control.setFaults({ rules: [{ pathIncludes: "/users/delta", status: 503, times: 50 }] });
    const r = await syncWith([hook]).run({ full: true });
    sim.control.clearFaults();
    if (r.skipped) throw new Error("skipped");
    expect(r.status).toBe("failed");
    expect(seen).toHaveLength(1);
  });
});
