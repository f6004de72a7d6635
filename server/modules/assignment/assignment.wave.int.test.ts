import { describe, expect, it } from "vitest";
import { buildServices } from "@/server/container";
import { DAY } from "@/server/lib/time";
import { agent, NOW, refusal } from "./testing";
import { db, s, key, useAssignmentDatabase } from "./assignment.testing";

// Wave assignment and its follow-ups through the assignment service on a real database.
// Set-up: assignment.testing.ts.

useAssignmentDatabase();

describe("wave assignment and follow-ups", () => {
  it("previews a key from each user's site stock, oldest first, and says who cannot get one; confirm assigns exactly the preview", async () => {
    await db.prisma.rolloutWave.create({
      data: { id: "wave1", name: "Wave 1", startDate: NOW, registrationDeadline: NOW },
    });
    await db.prisma.waveMember.createMany({
      data: ["w0", "w1", "w2", "w5"].map((userId) => ({ waveId: "wave1", userId })),
    });
    // w0 already holds a key: not in the preview.
    await key("assigned", "w0");
    await db.prisma.securityKey.updateMany({ where: { status: "in_stock" }, data: { status: "retired" } });
    const stock = [await key(), await key()];
    await db.prisma.securityKey.update({
      where: { id: stock[1]! },
      data: { statusChangedAt: new Date(NOW.getTime() - 9 * DAY) },
    });
    const p = await s.assignment.previewWave({ waveId: "wave1" });
    expect(p.rows.map((r) => [r.userId, r.key?.id ?? null, r.reason])).toEqual([
      ["w1", stock[1], null],
      ["w2", stock[0], null],
      ["w5", null, "No office site in the directory"],
    ]);
    const items = p.rows
      .filter((r) => r.key)
      .map((r) => ({ userId: r.userId, keyId: r.key!.id, version: r.key!.version }));
    await s.assignment.confirmWave(agent, { waveId: "wave1", items, handover: "shipped" });
    expect(
      (
        await db.prisma.securityKey.findMany({
          where: { id: { in: stock } },
          select: { custodianId: true },
          orderBy: { id: "asc" },
        })
      ).map((k) => k.custodianId),
    ).toEqual(["w2", "w1"]);
    // Confirming the same plan again: the keys moved on, so nothing is assigned twice.
    expect(
      (await refusal(s.assignment.confirmWave(agent, { waveId: "wave1", items, handover: "shipped" }))).code,
    ).toBe("CONFLICT");
    expect(await db.prisma.keyAssignment.count({ where: { keyId: { in: stock } } })).toBe(2);
  });

  it("lists keys assigned but not registered after N days, N from the setting (default 14)", async () => {
    const old = await key("assigned", "u2"); // assigned 30 days ago
    const fresh = await key();
    await buildServices({
      prisma: db.prisma,
      clock: () => new Date(NOW.getTime() - 5 * DAY),
    }).assignment.assign(agent, {
      userId: "u2",
      keys: [{ keyId: fresh, kind: "backup" }],
      handover: { method: "in_person" },
    });
    let f = await s.assignment.followUps();
    expect(f.days).toBe(14);
    expect(f.items.map((i) => i.keyId)).toContain(old);
    expect(f.items.map((i) => i.keyId)).not.toContain(fresh);
    await db.prisma.setting.create({ data: { key: "assignment.followUpDays", value: 3 } });
    f = await s.assignment.followUps();
    expect(f.days).toBe(3);
    expect(f.items.map((i) => i.keyId)).toContain(fresh);
    await db.prisma.securityKey.update({ where: { id: fresh }, data: { status: "active" } });
    expect((await s.assignment.followUps()).items.map((i) => i.keyId)).not.toContain(fresh);
  });
});
