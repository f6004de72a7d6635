import { describe, expect, it } from "vitest";
import { db, key, s, useAssignmentDatabase } from "./assignment.testing";

// Reconciliation's lists page on the server to their last row: nothing is cut off at a preview size.

useAssignmentDatabase();

describe("reconciliation paging", () => {
  it("pages the keys never registered to the last one, each exactly once, and an empty page past the end", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await key("assigned", "u2"));
    const read = (page: number) => s.assignment.reconciliation({ neverRegistered: page }, 10);
    const pages = await Promise.all([1, 2, 3, 4].map(read));
    expect(pages.map((p) => p.assignedNeverRegistered.total)).toEqual([23, 23, 23, 23]);
    expect(pages.map((p) => p.assignedNeverRegistered.items.length)).toEqual([10, 10, 3, 0]);
    const seen = pages.flatMap((p) => p.assignedNeverRegistered.items.map((i) => i.keyId));
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort()).toEqual([...ids].sort());
    // One list's page leaves the others on their first page.
    expect(pages[2]!.credentialsWithoutKey.items.length).toBe(
      Math.min(10, pages[2]!.credentialsWithoutKey.total),
    );
  });

  it("pages follow-ups and returned keys with their totals", async () => {
    for (let i = 0; i < 12; i++) await key("returned");
    const last = await s.assignment.returnedKeys({ page: 2, pageSize: 10 });
    expect(last.total).toBe(12);
    expect(last.items).toHaveLength(2);
    const follow = await s.assignment.followUps({ page: 3, pageSize: 10 });
    expect(follow.total).toBe(23);
    expect(follow.items).toHaveLength(3);
  });

  it("counts leavers' live credentials in the query, and leaves out a leaver with none", async () => {
    await db.prisma.entraCredential.createMany({
      data: [
        { methodId: "m-a", userId: "u3", aaguid: "aa" },
        { methodId: "m-b", userId: "u3", aaguid: "aa" },
        { methodId: "m-c", userId: "u3", aaguid: "aa", removedAt: new Date() },
      ],
    });
    const r = await s.assignment.reconciliation({}, 10);
    expect(r.leaversWithLiveCredentials).toEqual({
      total: 1,
      items: [expect.objectContaining({ userId: "u3", liveCredentials: 2, state: "disabled" })],
    });
  });
});
