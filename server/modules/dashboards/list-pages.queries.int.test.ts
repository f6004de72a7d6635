import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { queriesSent } from "@/server/db/query-counter";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Statements per render of the users list and the cases list (issue 15), counted where they leave for
// the database (the PGlite client or the pg pool's connections), not by the code under test. Each page
// also reads the session (one statement) and, for approvers, the navigation's badge (one).

const agent: Actor = { id: "agent-1", name: "Ana Agent", email: null, roles: ["helpdesk"] };
const callerOf = createCallerFactory(appRouter);
let db: TestDatabase;
let api: ReturnType<typeof callerOf>;

async function counted<T>(read: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const before = queriesSent();
  expect(before).not.toBeNull();
  const result = await read();
  return { result, queries: queriesSent()! - before! };
}

beforeAll(async () => {
  db = await createTestDatabase({ countQueries: true });
  const services = buildServices({ prisma: db.prisma, clock: () => new Date("2026-03-01T09:00:00Z") });
  api = callerOf({ actor: agent, requestId: "req-lists", services });
  const p = db.prisma;
  await p.directoryUser.createMany({
    data: ["Cleo", "Ada", "Bo"].map((name, i) => ({
      id: `u${i}`,
      userPrincipalName: `${name.toLowerCase()}@x.example`,
      displayName: name,
      department: i === 1 ? null : "Sales",
    })),
  });
  await p.case.createMany({
    data: [0, 1, 2, 3, 4, 5].map((i) => ({
      id: `c${i}`,
      kind: "lost" as const,
      userId: `u${i % 3}`,
      openedById: "agent-2",
      assigneeId: i === 0 ? "agent-2" : null,
      createdAt: new Date(Date.UTC(2026, 1, 10 + i)),
    })),
  });
  // Agents are who worked a case, by the name of their newest event.
  await p.auditEvent.createMany({
    data: ["Old Name", "Bea Helper"].map((actorName, i) => ({
      actorId: "agent-2",
      actorName,
      role: "helpdesk",
      action: "cases.open",
      subjectType: "Case",
      subjectId: "c0",
      requestId: `r${i}`,
      prevHash: `h${i - 1}`,
      hash: `h${i}`,
    })),
  });
});
afterAll(() => db?.close());

describe("the users list's reads", () => {
  it("reads the page, its count and the keys each holds: no settings or rollout figures", async () => {
    const { result, queries } = await counted(() =>
      api.dashboard.users({ page: 1, pageSize: 25, sort: { id: "department", desc: true } }),
    );
    expect(queries).toBe(3);
    // Department descending, no department last; then by name.
    expect(result.items.map((u) => u.displayName)).toEqual(["Bo", "Cleo", "Ada"]);
    expect(result.total).toBe(3);
  });

  it("reads the rollout figures only for a drill-down by state", async () => {
    const plain = await counted(() => api.dashboard.users({ page: 1, pageSize: 25, q: "Ad" }));
    expect(plain.result.items.map((u) => u.displayName)).toEqual(["Ada"]);
    const drill = await counted(() => api.dashboard.users({ page: 1, pageSize: 25, state: "not_ready" }));
    expect(drill.queries).toBeGreaterThan(plain.queries);
  });
});

describe("the cases list's reads", () => {
  it("reads the page, its count and the agents once, newest first, the agents with the list", async () => {
    const { result, queries } = await counted(() => api.cases.list({ page: 1, pageSize: 5 }));
    expect(queries).toBe(3);
    expect(result.items.map((c) => c.id)).toEqual(["c5", "c4", "c3", "c2", "c1"]);
    expect(result.total).toBe(6);
    expect(result.agents).toEqual(await api.cases.agents());
    expect(result.agents.map((a) => a.name)).toEqual(["Ana Agent", "Bea Helper"]);
    const next = await api.cases.list({ page: 2, pageSize: 5 });
    expect(next.items.map((c) => [c.id, c.assigneeName])).toEqual([["c0", "Bea Helper"]]);
  });
});
