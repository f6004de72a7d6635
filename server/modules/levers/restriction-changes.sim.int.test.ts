import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { Services } from "@/server/container";
import type { TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { startSyncedTenant } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { FIPS, lead, PROFILE, YK5 } from "./testing";

// Applying a key-restriction change with four eyes against the simulated tenant (one default passkey
// profile, nothing enforced): the one who asked never approves (not even from a second session), a policy
// changed in Entra since the draft is refused in words, a second admin's approval really changes the
// tenant's policy, and each step leaves its audit event.

const ada: Actor = { id: "admin-1", name: "Ada Admin", email: null, roles: ["admin"] };
const bo: Actor = { id: "admin-2", name: "Bo Admin", email: null, roles: ["admin"] };
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
const as = (actor: Actor, session = "1") =>
  callerOf({ actor, requestId: `req-${actor.id}-${session}`, services });
const draft = { targetId: PROFILE, isEnforced: true, enforcementType: "block" as const, aaguids: [YK5] };
const profile = () => sim.tenant.fido2Policy.passkeyProfiles.find((p) => p.id === PROFILE)!;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );
const trail = (id: string) =>
  db.prisma.auditEvent.findMany({
    where: { subjectType: "KeyRestrictionChange", subjectId: id },
    orderBy: { seq: "asc" },
    select: { action: true, actorId: true, after: true },
  });

beforeAll(async () => {
  ({ sim, db, services } = await startSyncedTenant());
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});
let original: typeof sim.tenant.fido2Policy;
beforeAll(() => {
  original = structuredClone(sim.tenant.fido2Policy);
});
beforeEach(() => {
  sim.tenant.fido2Policy = structuredClone(original);
  sim.control.resetPermissions();
});

describe("key-restriction changes with four eyes (simulated tenant)", () => {
  it("a request changes nothing in Entra; the approval screen shows its preview", async () => {
    const { id } = await as(lead).levers.requestRestrictionChange({ ...draft, reason: "YK5 recall" });
    expect(profile().keyRestrictions?.isEnforced ?? false).toBe(false);
    const view = await as(bo).levers.restrictionChange({ id });
    expect(view.change).toMatchObject({ status: "pending", requestedBy: "Lee Lead", canDecide: true });
    expect(view.preview?.blockedModels.map((m) => m.aaguid)).toEqual([YK5]);
    const holders = sim.tenant.credentials.filter(
      (c) => c.removedAt === null && c.aaGuid === YK5 && sim.tenant.users[c.userIdx]!.deletedAt === null,
    );
    expect(view.preview?.credentials.total).toBe(holders.length);
    // The one who asked sees it, but may not decide it.
    expect((await as(lead).levers.restrictionChange({ id })).change.canDecide).toBe(false);
    expect((await trail(id)).map((e) => e.action)).toEqual(["levers.restriction.request"]);
  });

  it("the admin who asked cannot approve it, not even from a second session", async () => {
    const { id } = await as(ada, "laptop").levers.requestRestrictionChange(draft);
    const err = await failure(as(ada, "phone").levers.approveRestrictionChange({ id }));
    expect(err?.code).toBe("FORBIDDEN");
    expect(err?.message).toMatch(/You asked for this change.*another admin/);
    expect(profile().keyRestrictions?.isEnforced ?? false).toBe(false);
    const rejectErr = await failure(
      as(ada, "phone").levers.rejectRestrictionChange({ id, note: "changed my mind" }),
    );
    expect(rejectErr?.code).toBe("FORBIDDEN");
    expect((await as(bo).levers.restrictionChange({ id })).change.status).toBe("pending");
    const events = await trail(id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["levers.restriction.request", "admin-1"],
      ["levers.restriction.refuse", "admin-1"],
      ["levers.restriction.refuse", "admin-1"],
    ]);
  });

  it("refuses in words when the policy changed in Entra since the draft, and leaves Entra's change alone", async () => {
    const { id } = await as(lead).levers.requestRestrictionChange(draft);
    // Someone blocks the FIPS model in the Entra admin center meanwhile.
    profile().keyRestrictions = { isEnforced: true, enforcementType: "block", aaGuids: [FIPS] };
    const err = await failure(as(bo).levers.approveRestrictionChange({ id }));
    expect(err?.code).toBe("CONFLICT");
    expect(err?.message).toMatch(
      /changed in Entra after this change was drafted.*not applied.*Draft it again/,
    );
    expect(profile().keyRestrictions).toEqual({
      isEnforced: true,
      enforcementType: "block",
      aaGuids: [FIPS],
    });
    const after = await as(lead).levers.restrictionChange({ id });
    expect(after.change.status).toBe("rejected");
    expect((await trail(id)).map((e) => e.action)).toEqual([
      "levers.restriction.request",
      "levers.restriction.refuse",
    ]);
  });

  it("a second admin's approval PATCHes the policy and is audited as approval and change", async () => {
    const { id } = await as(lead).levers.requestRestrictionChange(draft);
    const others = structuredClone(sim.tenant.fido2Policy.passkeyProfiles.filter((p) => p.id !== PROFILE));
    expect(await as(bo).levers.approveRestrictionChange({ id, note: "agreed in CAB" })).toEqual({
      id,
      status: "applied",
    });
    expect(profile().keyRestrictions).toEqual({ isEnforced: true, enforcementType: "block", aaGuids: [YK5] });
    expect(sim.tenant.fido2Policy.passkeyProfiles.filter((p) => p.id !== PROFILE)).toEqual(others);
    const events = await trail(id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["levers.restriction.request", "lead-1"],
      ["levers.restriction.approve", "admin-2"],
      ["levers.restriction.apply", "admin-2"],
    ]);
    const row = (await as(lead).levers.restrictionChanges()).find((r) => r.id === id);
    expect(row).toMatchObject({ status: "approved", decidedBy: "Bo Admin", decisionNote: "agreed in CAB" });
    // Decided once: a second approval is refused and changes nothing.
    const again = await failure(as(ada).levers.approveRestrictionChange({ id }));
    expect(again?.code).toBe("CONFLICT");
  });

  it("names the Graph permission when the PATCH is refused, and puts the request back in the queue", async () => {
    const { id } = await as(lead).levers.requestRestrictionChange(draft);
    sim.control.revokePermissions(["Policy.ReadWrite.AuthenticationMethod"]);
    const err = await failure(as(bo).levers.approveRestrictionChange({ id }));
    expect(err?.message).toMatch(/Policy\.ReadWrite\.AuthenticationMethod/);
    expect(profile().keyRestrictions?.isEnforced ?? false).toBe(false);
    expect((await as(bo).levers.restrictionChange({ id })).change.status).toBe("pending");
    expect((await trail(id)).map((e) => e.action)).toContain("levers.restriction.apply_failed");
  });

  it("a rejection is audited and never applied; a draft equal to Entra's is refused", async () => {
    const { id } = await as(lead).levers.requestRestrictionChange(draft);
    expect(await as(bo).levers.rejectRestrictionChange({ id, note: "Too many holders" })).toEqual({
      id,
      status: "rejected",
    });
    expect(profile().keyRestrictions?.isEnforced ?? false).toBe(false);
    expect((await trail(id)).map((e) => e.action)).toEqual([
      "levers.restriction.request",
      "levers.restriction.reject",
    ]);
    const same = await failure(
      as(lead).levers.requestRestrictionChange({
        ...draft,
        isEnforced: false,
        enforcementType: "allow",
        aaguids: [],
      }),
    );
    expect(same?.code).toBe("BAD_REQUEST");
  });
});
