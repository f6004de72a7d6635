import { describe, expect, it } from "vitest";
import type { UserState } from "./rollout.constants";
import { db, services, api, pick, drillTotal, useRolloutDatabase } from "./rollout.testing";

// Adoption figures and their drill-down pages on the hand-counted tenant (rollout.testing.ts).

useRolloutDatabase();

describe("adoption figures (hand-counted tenant)", () => {
  it("counts each wave's members in scope, an empty wave as zeros and a user in two waves in both", async () => {
    const a = await api.rollout.adoption({ by: "wave" });
    expect(a.rows.map(pick)).toEqual([
      {
        key: "w1",
        scope: 4,
        assigned: 2,
        registered: 2,
        assignedUnregistered: 0,
        used: 1,
        backup: 1,
        passwordless: 1,
        notReady: 1,
        target: 100,
      },
      {
        key: "w2",
        scope: 3,
        assigned: 2,
        registered: 1,
        assignedUnregistered: 1,
        used: 0,
        backup: 0,
        passwordless: 0,
        notReady: 1,
        target: 90,
      },
      {
        key: "w3",
        scope: 0,
        assigned: 0,
        registered: 0,
        assignedUnregistered: 0,
        used: 0,
        backup: 0,
        passwordless: 0,
        notReady: 0,
        target: 80,
      },
    ]);
    // The tenant counts u2 once, and the disabled u7 and guest u8 nowhere.
    expect(pick(a.tenant)).toEqual({
      key: "all",
      scope: 7,
      assigned: 3,
      registered: 3,
      assignedUnregistered: 1,
      used: 2,
      backup: 1,
      passwordless: 2,
      notReady: 2,
      target: null,
    });
  });

  it("two refreshes at once (a sync ending while a wave changes, or two instances) both finish and count everyone once", async () => {
    await Promise.all([
      services.rollout.figures.refresh(),
      services.rollout.figures.refresh(),
      services.rollout.figures.refresh(),
    ]);
    const [states] = await db.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM rollout_user_states`;
    expect(states!.n).toBe(7);
    expect(pick((await api.rollout.adoption({ by: "wave" })).tenant)).toMatchObject({
      scope: 7,
      registered: 3,
    });
  });

  it("per department and site, with the target averaged from their users' waves", async () => {
    const d = await api.rollout.adoption({ by: "department" });
    expect(d.rows.map((r) => [r.key, r.scope, r.registered, r.target])).toEqual([
      ["Finance", 3, 1, 93],
      ["IT", 3, 1, 100],
      ["Sales", 1, 1, null],
    ]);
    const s = await api.rollout.adoption({ by: "site" });
    expect(s.rows.map((r) => [r.label, r.scope, r.registered, r.used, r.target])).toEqual([
      ["BER", 2, 0, 0, 90],
      ["LON", 4, 3, 2, 100],
      ["No site", 1, 0, 0, 100],
    ]);
  });

  it("each bar's drill-down lists exactly the users the bar counts", async () => {
    const { rows, tenant } = await api.rollout.adoption({ by: "wave" });
    const states: [UserState, keyof typeof tenant][] = [
      ["in_scope", "scope"],
      ["assigned", "assigned"],
      ["registered", "registered"],
      ["assigned_unregistered", "assignedUnregistered"],
      ["used", "used"],
      ["backup", "backup"],
      ["passwordless", "passwordless"],
      ["not_ready", "notReady"],
    ];
    for (const [state, field] of states) {
      expect(await drillTotal({ state }), state).toBe(tenant[field]);
      for (const r of rows)
        expect(await drillTotal({ waveId: r.key, state }), `${r.key} ${state}`).toBe(r[field]);
    }
    expect(await drillTotal({ state: "no_backup" })).toBe(2); // u2, u9
    expect(await drillTotal({ state: "registered_unused" })).toBe(1); // u2
    expect(await drillTotal({ state: "unassigned" })).toBe(4);
    expect(await drillTotal({ department: "Finance", state: "registered" })).toBe(1);
    expect(await drillTotal({ siteId: "(none)", state: "in_scope" })).toBe(1);
    const names = (
      await api.dashboard.users({ page: 1, pageSize: 50, waveId: "w1", state: "not_ready" })
    ).items.map((u) => u.id);
    expect(names).toEqual(["u6"]);
  });
});

describe("drill-down pages", () => {
  const ids = async (f: Record<string, unknown>) => {
    const out: string[] = [];
    for (let page = 1; page <= 5; page++)
      out.push(...(await api.dashboard.users({ pageSize: 2, ...f, page })).items.map((u) => u.id));
    return out;
  };

  it("page through a bar's users by name either way, each once, the same as a search that narrows nobody out, and a search narrows", async () => {
    const byName = (
      await db.prisma.directoryUser.findMany({
        where: { id: { in: ["u1", "u2", "u3", "u4", "u5", "u6", "u9"] } },
        orderBy: [{ displayName: "asc" }, { id: "asc" }],
        select: { id: true },
      })
    ).map((u) => u.id);
    expect(await ids({ state: "in_scope" })).toEqual(byName);
    expect(await ids({ state: "in_scope", sort: { id: "name", desc: true } })).toEqual([...byName].reverse());
    // With a search the page is cut after joining the user rows: a search that matches all gives the same
    // users in the same order, and one that matches one gives that one.
    expect(await ids({ state: "in_scope", q: "@t.example" })).toEqual(byName);
    expect(await ids({ state: "in_scope", q: "User u9" })).toEqual(["u9"]);
    const w1 = await ids({ waveId: "w1", state: "in_scope" });
    expect(w1).toEqual(byName.filter((id) => ["u1", "u2", "u5", "u6"].includes(id)));
    // Sorted by another column, the bar holds the same users.
    expect((await ids({ waveId: "w1", state: "in_scope", sort: { id: "upn", desc: false } })).sort()).toEqual(
      [...w1].sort(),
    );
  });
});
