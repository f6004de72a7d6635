import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeDirectoryRepository } from "./directory.repository";

// The end of a full users round: live users the round did not return are marked deleted. The live ids
// are compared in pages (a page of 2 here, so every case crosses a page boundary).

let db: TestDatabase;
const repo = makeDirectoryRepository();
const EARLIER = new Date("2026-11-01T08:00:00Z");
const NOW = new Date("2026-12-06T15:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  const user = (id: string, deletedAt: Date | null = null) => ({
    id,
    userPrincipalName: `${id}@x.example`,
    displayName: id,
    accountEnabled: deletedAt === null,
    deletedAt,
  });
  await db.prisma.directoryUser.createMany({
    data: [user("u1"), user("u2"), user("u3"), user("u4"), user("u5"), user("u6", EARLIER), user("u7")],
  });
});
afterAll(() => db?.close());

describe("markUnseenDeleted", () => {
  it("marks only the live users the round did not see, on every page; seen and already deleted users stay as they were", async () => {
    const seen = new Set(["u1", "u3", "u4", "u6", "u-not-in-mirror"]);
    const gone = await repo.markUnseenDeleted(db.prisma, seen, NOW, 2);
    expect(gone.sort()).toEqual(["u2", "u5", "u7"]);
    const rows = await db.prisma.directoryUser.findMany({
      select: { id: true, deletedAt: true, accountEnabled: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { id: "u1", deletedAt: null, accountEnabled: true },
      { id: "u2", deletedAt: NOW, accountEnabled: false },
      { id: "u3", deletedAt: null, accountEnabled: true },
      { id: "u4", deletedAt: null, accountEnabled: true },
      { id: "u5", deletedAt: NOW, accountEnabled: false },
      { id: "u6", deletedAt: EARLIER, accountEnabled: false },
      { id: "u7", deletedAt: NOW, accountEnabled: false },
    ]);
    // A second pass finds nobody: the deleted are not live any more, and nothing else is touched.
    expect(await repo.markUnseenDeleted(db.prisma, seen, NOW, 2)).toEqual([]);
    expect(await db.prisma.directoryUser.count({ where: { deletedAt: null } })).toBe(3);
  });

  it("with the default page and an empty round, every live user is gone", async () => {
    const gone = await repo.markUnseenDeleted(db.prisma, new Set(), NOW);
    expect(gone.sort()).toEqual(["u1", "u3", "u4"]);
    expect(await db.prisma.directoryUser.count({ where: { deletedAt: null } })).toBe(0);
  });
});
