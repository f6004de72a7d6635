import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { db, s, useAssignmentDatabase } from "@/server/modules/assignment/assignment.testing";
import { NOW } from "@/server/modules/assignment/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { listedTap } from "./tap-listing.testing";

// users.get states a pass KeyFleet issued from Entra's last listing of the user's passes too: a one-time
// pass spent in Entra reads "used" once a sync or a case step stored that listing — not "active" until
// it expires.

useAssignmentDatabase();

const agent: Actor = { id: "agent-1", name: "Ada Agent", email: null, roles: ["helpdesk"] };
const get = () =>
  createCallerFactory(appRouter)({ actor: agent, requestId: "req-taps", services: s }).users.get({
    id: "u1",
  });
const min = (m: number) => new Date(NOW.getTime() + m * 60_000);

/** Entra's listing of Ann's pass, as sync stores it on her row. */
const storeListing = (isUsable: boolean, methodUsabilityReason: string, readAt: Date) =>
  db.prisma.directoryUser.update({
    where: { id: "u1" },
    data: {
      entraTapsReadAt: readAt,
      entraTaps: [listedTap("graph-tap-1", min(-10), { isUsable, methodUsabilityReason })],
    },
  });

describe("users.get: a pass's state", () => {
  it("reads 'active' while Entra lists the pass usable, and 'used' once a listing says it was spent", async () => {
    await db.prisma.tapIssuance.create({
      data: {
        id: "tap-ann",
        userId: "u1",
        issuedById: agent.id,
        reason: "INC-1",
        startAt: min(-10),
        lifetimeMinutes: 60,
        isUsableOnce: true,
        graphMethodId: "graph-tap-1",
        expiresAt: min(50),
      },
    });
    await storeListing(true, "EnabledByPolicy", min(-9));
    expect((await get()).taps.map((t) => [t.id, t.state])).toEqual([["tap-ann", "active"]]);

    await storeListing(false, "OneTimeUsed", min(-1));
    expect((await get()).taps.map((t) => [t.id, t.state])).toEqual([["tap-ann", "used"]]);
  });
});
