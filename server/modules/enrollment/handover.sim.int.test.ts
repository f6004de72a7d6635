import { afterEach, describe, expect, it } from "vitest";
import { dumpTables } from "@/server/db/testing";
import { defaultRecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { policyWithTapCap } from "@/server/modules/settings/recovery-policy.testing";
import { agent, useEnrollmentSim, YK5 } from "./enrollment.testing";

// The handover with a pass against the simulated tenant on a real database: a one-time pass inside the
// tenant's policy, refused by the live preflight before anything is written; the watch that finds the key
// the person registered themselves; the agent's confirmation (`confirmed`, once); the watch running out,
// after which the sync's matching links the key. The pass's value is nowhere but in issuePass's answer.

const h = useEnrollmentSim({ seed: 37, serialPrefix: "HND" });
const { person, stockKey, queueOf, refusal, keyState, liveCredentials } = h;

const tapPosts = () => h.sim.control.stats().byRoute.createTemporaryAccessPass ?? 0;
const methodReads = () => h.sim.control.stats().byRoute.listFido2Methods ?? 0;
const itemOf = (id: string) => h.db.prisma.enrollmentItem.findUniqueOrThrow({ where: { id } });
const auditOf = (itemId: string) =>
  h.db.prisma.auditEvent.findMany({
    where: { OR: [{ subjectId: itemId }, { after: { path: ["itemId"], equals: itemId } }] },
    orderBy: { seq: "asc" },
    select: { action: true, after: true },
  });

afterEach(() => {
  h.sim.control.setTapPolicy({
    state: "enabled",
    includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
    excludeTargets: [],
  });
});

/** Each handover by an agent of its own: one agent's passes in a minute would meet the hourly TAP cap. */
let agents = 0;
const deskAgent = () => ({ ...agent, actor: { ...agent.actor, id: `desk-agent-${++agents}` } });

/** A person handed a key with a pass, the desk now watching. */
async function handedOver() {
  const u = person();
  const key = await stockKey();
  const itemId = await queueOf(u.id);
  const pass = await h.services.enrollment.issuePass(deskAgent(), { itemId, serial: key.serial });
  return { u, key, itemId, pass };
}

describe("handover with a pass (integration, simulated tenant)", () => {
  it("issues a one-time pass inside the policy, hands the key over, and keeps the pass nowhere", async () => {
    const posts = tapPosts();
    const { u, key, itemId, pass } = await handedOver();

    expect(tapPosts()).toBe(posts + 1);
    expect(pass.temporaryAccessPass).toMatch(/^.{8}$/);
    expect(pass.isUsableOnce).toBe(true);
    const policy = h.sim.control.tapPolicy();
    expect(pass.lifetimeInMinutes).toBeGreaterThanOrEqual(policy.minimumLifetimeInMinutes);
    expect(pass.lifetimeInMinutes).toBeLessThanOrEqual(policy.maximumLifetimeInMinutes);
    // Entra holds the pass the agent was shown: the tenant's own record of it.
    expect(h.sim.tenant.taps.get(u.idx)?.value).toBe(pass.temporaryAccessPass);

    expect(await keyState(key.id)).toEqual({ status: "assigned", custodianId: u.id, credential: null });
    const item = await itemOf(itemId);
    expect(item.status).toBe("watching");
    expect(item.watchUntil!.getTime()).toBeLessThanOrEqual(pass.expiresAt.getTime());
    const issuance = await h.db.prisma.tapIssuance.findFirstOrThrow({ where: { userId: u.id } });
    expect(issuance).toMatchObject({ caseId: null, isUsableOnce: true });
    expect((await auditOf(itemId)).map((a) => a.action)).toEqual(["enrollment.handover.pass"]);

    const dump = await dumpTables(h.db.prisma);
    expect(dump).toContain(issuance.graphMethodId!); // the dump covers the issuance
    expect(dump).not.toContain(pass.temporaryAccessPass);
  });

  it("the hourly TAP cap holds for two handovers at once: one pass issued, the other refused and taken back in Entra", async () => {
    const admin = { ...agent, actor: { ...agent.actor, id: "cap-admin", roles: ["admin" as const] } };
    await h.services.settings.setRecoveryPolicy(admin, policyWithTapCap(2));
    try {
      const desk = deskAgent();
      const first = person();
      await h.services.enrollment.issuePass(desk, {
        itemId: await queueOf(first.id),
        serial: (await stockKey()).serial,
      });
      // One pass left under the cap; two windows hand over at the same moment.
      const people = [person(), person()];
      const items = [await queueOf(people[0]!.id), await queueOf(people[1]!.id)];
      const serials = [(await stockKey()).serial, (await stockKey()).serial];
      const outcomes = await Promise.allSettled(
        items.map((itemId, i) => h.services.enrollment.issuePass(desk, { itemId, serial: serials[i]! })),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = outcomes.findIndex((o) => o.status === "rejected");
      const reason = (outcomes[refused] as PromiseRejectedResult).reason as Error;
      expect(reason.message).toContain("hourly cap of Temporary Access Passes");
      expect(await h.db.prisma.tapIssuance.count({ where: { issuedById: desk.actor.id } })).toBe(2);
      // The refused person holds no pass in Entra, and their handover did not move.
      expect(h.sim.tenant.taps.get(people[refused]!.idx)).toBeUndefined();
      expect((await itemOf(items[refused]!)).status).not.toBe("watching");
      expect(h.sim.tenant.taps.get(people[1 - refused]!.idx)).toBeDefined();
    } finally {
      await h.services.settings.setRecoveryPolicy(admin, defaultRecoveryPolicy);
    }
  });

  it("the watch finds the key the person registered, at most one read per interval; confirming links it `confirmed`", async () => {
    const { u, key, itemId } = await handedOver();
    const first = await h.services.enrollment.watch(agent, { itemId });
    expect(first).toMatchObject({ state: "watching", read: true, candidates: [] });

    // The person signs in with the pass and registers the key at the desk (their own registration).
    const { credentialId } = h.sim.control.registerCredential(u.id, { aaGuid: YK5 });
    const reads = methodReads();
    const tooSoon = await h.services.enrollment.watch(agent, { itemId });
    expect(tooSoon).toMatchObject({ state: "watching", read: false, candidates: [] });
    expect(methodReads()).toBe(reads); // no Graph read inside the interval

    await h.db.prisma.enrollmentItem.update({ where: { id: itemId }, data: { lastWatchAt: null } });
    const seen = await h.services.enrollment.watch(agent, { itemId });
    expect(methodReads()).toBe(reads + 1);
    expect(seen.candidates).toEqual([expect.objectContaining({ methodId: credentialId, matchesKey: true })]);

    const done = await h.services.enrollment.confirm(agent, { itemId, methodId: credentialId });
    expect(done).toMatchObject({ status: "enrolled", serial: key.serial, methodId: credentialId });
    expect(await keyState(key.id)).toEqual({
      status: "active",
      custodianId: u.id,
      credential: { methodId: credentialId, matchMethod: "confirmed" },
    });
    expect((await itemOf(itemId)).status).toBe("enrolled");
    expect((await auditOf(itemId)).map((a) => a.action)).toEqual([
      "enrollment.handover.pass",
      "enrollment.handover.confirm",
    ]);
    expect(await h.services.enrollment.watch(agent, { itemId })).toMatchObject({ state: "linked" });
  });

  it("no double link: a credential linked to one key cannot be confirmed for another, nor one the person had before", async () => {
    const { u, itemId } = await handedOver();
    const { credentialId } = h.sim.control.registerCredential(u.id, { aaGuid: YK5 });
    await h.services.enrollment.confirm(agent, { itemId, methodId: credentialId });

    // A second key handed to the same person: the credential already carries the first key.
    const second = await stockKey();
    const item2 = await queueOf(u.id);
    await h.services.enrollment.issuePass(deskAgent(), { itemId: item2, serial: second.serial });
    const old = await refusal(
      h.services.enrollment.confirm(agent, { itemId: item2, methodId: credentialId }),
    );
    expect(old.message).toContain("not a new one of this person");
    expect(await keyState(second.id)).toMatchObject({ status: "assigned", credential: null });
    expect(await h.db.prisma.entraCredential.count({ where: { methodId: credentialId } })).toBe(1);
  });

  it("a credential of another model is not the key in hand: refused, nothing linked", async () => {
    const { u, key, itemId } = await handedOver();
    const THALES = "2194b428-9397-4046-8f39-007a1605a482";
    const { credentialId } = h.sim.control.registerCredential(u.id, { aaGuid: THALES });
    const seen = await h.services.enrollment.watch(agent, { itemId });
    expect(seen.candidates).toEqual([expect.objectContaining({ methodId: credentialId, matchesKey: false })]);
    const e = await refusal(h.services.enrollment.confirm(agent, { itemId, methodId: credentialId }));
    expect(e.message).toContain(`it is not key ${key.serial}`);
    expect((await keyState(key.id)).credential).toBeNull();
  });

  it("refused by the preflight when the person would be stranded (no passkey, outside the TAP policy): nothing written, no pass", async () => {
    const u = person();
    const other = person();
    const group = h.sim.control.createGroup({ displayName: "TAP pilot", userIds: [other.id] });
    h.sim.control.setTapPolicy({
      includeTargets: [{ id: group.id, targetType: "group", isRegistrationRequired: false }],
    });
    const key = await stockKey();
    const itemId = await queueOf(u.id);
    const posts = tapPosts();
    const e = await refusal(h.services.enrollment.issuePass(agent, { itemId, serial: key.serial }));
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toContain("could not sign in to register the key");
    expect(e.message).toContain("TAP pilot");
    expect(tapPosts()).toBe(posts);
    expect(await keyState(key.id)).toEqual({ status: "in_stock", custodianId: null, credential: null });
    expect(await itemOf(itemId)).toMatchObject({ status: "failed", passIssuedAt: null });
    expect(await h.db.prisma.tapIssuance.count({ where: { userId: u.id } })).toBe(0);
  });

  it("refused when the TAP policy excludes the person (they keep a passkey, so not stranded): the reason names the group", async () => {
    const u = person();
    h.sim.control.registerCredential(u.id, { aaGuid: YK5 });
    const group = h.sim.control.createGroup({ displayName: "No passes", userIds: [u.id] });
    h.sim.control.setTapPolicy({
      excludeTargets: [{ id: group.id, targetType: "group" }],
    });
    const key = await stockKey();
    const itemId = await queueOf(u.id);
    const posts = tapPosts();
    const e = await refusal(h.services.enrollment.issuePass(agent, { itemId, serial: key.serial }));
    expect(e.message).toContain("a group the TAP policy excludes (No passes)");
    expect(e.message).not.toContain("could not sign in");
    expect(tapPosts()).toBe(posts);
    expect((await keyState(key.id)).status).toBe("in_stock");
  });

  it("the watch runs out: the key stays with the person, and the sync's matching links it when they register later", async () => {
    const { u, key, itemId } = await handedOver();
    await h.db.prisma.enrollmentItem.update({
      where: { id: itemId },
      data: { watchUntil: new Date(Date.now() - 1_000) },
    });
    const reads = methodReads();
    const ended = await h.services.enrollment.watch(agent, { itemId });
    expect(ended.state).toBe("ended");
    expect(methodReads()).toBe(reads);
    expect(await itemOf(itemId)).toMatchObject({ status: "handed_over" });
    expect(await keyState(key.id)).toEqual({ status: "assigned", custodianId: u.id, credential: null });
    expect((await auditOf(itemId)).map((a) => a.action)).toContain("enrollment.handover.timeout");

    // Later, at home: the person registers the key; the next sync infers the link, as for any handover.
    await new Promise((r) => setTimeout(r, 1_100)); // created after the assignment (whole seconds)
    const { credentialId } = h.sim.control.registerCredential(u.id, { aaGuid: YK5 });
    const run = await h.services.sync.run();
    expect(run.skipped).toBeFalsy();
    expect(liveCredentials(u.idx).map((c) => c.id)).toEqual([credentialId]);
    expect(await keyState(key.id)).toMatchObject({
      status: "active",
      credential: { methodId: credentialId, matchMethod: "inferred" },
    });
  });
});
