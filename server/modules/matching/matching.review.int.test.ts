import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { db, key, s, useAssignmentDatabase } from "@/server/modules/assignment/assignment.testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// The match review through its router: the queue pages with each credential's candidate keys; confirming
// links the credential, activates the key and is audited; rejecting leaves it unlinked; refusals change
// nothing.

useAssignmentDatabase();

const helpdesk: Actor = { id: "agent-1", name: "Ada Agent", email: null, roles: ["helpdesk"] };
const security: Actor = { id: "sec-1", name: "Sam Sec", email: null, roles: ["security"] };
const as = (actor: Actor) => createCallerFactory(appRouter)({ actor, requestId: "req-review", services: s });

/** A credential of Ben's with two keys it could be, queued for review. */
async function queued(n: number) {
  const [k1, k2] = [await key("assigned", "u2"), await key("assigned", "u2")];
  const cred = await db.prisma.entraCredential.create({
    data: { methodId: `m-review-${n}`, userId: "u2", aaguid: "aa", displayName: `Ben's key ${n}` },
  });
  const review = await db.prisma.matchReview.create({
    data: { credentialId: cred.id, candidateKeyIds: [k1, k2], reason: "two keys of one model" },
  });
  return { k1, k2, cred, review };
}

describe("match review", () => {
  it("pages the open queue to its end, each review with its candidates' serials", async () => {
    const made: Awaited<ReturnType<typeof queued>>[] = [];
    for (let i = 0; i < 5; i++) made.push(await queued(i));
    const pages = await Promise.all(
      [1, 2, 3].map((page) => as(security).matching.reviews({ page, pageSize: 2 })),
    );
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages[0]!.total).toBe(5);
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(ids.sort()).toEqual(made.map((m) => m.review.id).sort());
    const first = pages.flatMap((p) => p.items).find((i) => i.id === made[0]!.review.id)!;
    expect(first.user).toMatchObject({ id: "u2", displayName: "Ben Ng" });
    expect(first.candidates.map((c) => c.id)).toEqual([made[0]!.k1, made[0]!.k2]);
    expect(first.candidates.every((c) => c.serial.startsWith("YK-"))).toBe(true);
  });

  it("confirms: links the credential to the chosen key, activates it, audits it; a second decision is refused", async () => {
    const { k1, k2, cred, review } = await queued(10);
    await as(helpdesk).matching.confirm({ reviewId: review.id, keyId: k2 });
    expect(await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: cred.id } })).toMatchObject({
      keyId: k2,
      matchMethod: "confirmed",
      matchedById: "agent-1",
    });
    expect((await db.prisma.securityKey.findUniqueOrThrow({ where: { id: k2 } })).status).toBe("active");
    expect((await db.prisma.securityKey.findUniqueOrThrow({ where: { id: k1 } })).status).toBe("assigned");
    expect(
      await db.prisma.auditEvent.count({ where: { action: "matching.confirm", subjectId: cred.id } }),
    ).toBe(1);
    await expect(as(helpdesk).matching.reject({ reviewId: review.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already decided/),
    });
    expect(
      await db.prisma.auditEvent.count({ where: { action: "matching.reject", subjectId: review.id } }),
    ).toBe(0);
    const open = await as(security).matching.reviews({ page: 1, pageSize: 100 });
    expect(open.items.map((i) => i.id)).not.toContain(review.id);
  });

  it("refuses a key the credential's owner does not hold, and a role that may not assign keys, changing nothing", async () => {
    const { cred, review } = await queued(20);
    const stranger = await key("assigned", "u1");
    await expect(
      as(helpdesk).matching.confirm({ reviewId: review.id, keyId: stranger }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/not held by the credential's owner/),
    });
    await expect(as(security).matching.reject({ reviewId: review.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await db.prisma.matchReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("open");
    expect((await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: cred.id } })).keyId).toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { subjectId: { in: [cred.id, review.id] } } })).toBe(0);
  });

  it("rejects: the review leaves the queue, the credential stays unlinked, and it is audited", async () => {
    const { cred, review } = await queued(30);
    await as(helpdesk).matching.reject({ reviewId: review.id });
    expect((await db.prisma.matchReview.findUniqueOrThrow({ where: { id: review.id } })).status).toBe(
      "rejected",
    );
    expect((await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: cred.id } })).keyId).toBeNull();
    expect(
      await db.prisma.auditEvent.count({ where: { action: "matching.reject", subjectId: review.id } }),
    ).toBe(1);
    await expect(as(helpdesk).matching.reject({ reviewId: "no-such-review" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
