import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// The recovery workflow's edges against the simulated tenant, as a production-like tenant shows them:
// a user whose office matches no site, a site with no stock.

const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const hana: Actor = {
  id: "demo-helpdesk",
  name: "Hana Ito",
  email: "hana.ito@keyfleet.demo",
  roles: ["helpdesk"],
};
let sim: RunningSimulator;
let db: TestDatabase;
let s: Services;
let hqOffice: string;
let stockSeq = 0;
const api = (actor: Actor = hana) =>
  createCallerFactory(appRouter)({ actor, requestId: `req-${actor.id}`, services: s });
const nextSecond = () => new Promise((r) => setTimeout(r, 1_100));
type SimUser = RunningSimulator["tenant"]["users"][number];
const used = new Set<string>();

/** A member with no key in Entra yet; `atHq` picks one whose office is the HQ site's, else one with another office. */
function freshUser(atHq: boolean): SimUser {
  const u = sim.tenant.users.find(
    (x) =>
      !used.has(x.id) &&
      x.deletedAt === null &&
      x.accountEnabled &&
      x.userType === "Member" &&
      x.officeLocation &&
      (atHq ? x.officeLocation === hqOffice : x.officeLocation !== hqOffice) &&
      !(sim.tenant.credentialsByUser.get(x.idx) ?? []).some((c) => c.removedAt === null),
  );
  if (!u) throw new Error("no fresh user left in the simulated tenant");
  used.add(u.id);
  return u;
}

async function stockKey(siteId = "site-hq") {
  const id = `stock-${++stockSeq}`;
  const model = await db.prisma.keyModel.findFirstOrThrow({
    where: { aaguids: { some: { aaguid: YK5 } } },
    select: { id: true },
  });
  await db.prisma.securityKey.create({
    data: { id, serial: `YK-E${stockSeq}`, vendor: "Yubico", modelId: model.id, siteId, status: "in_stock" },
  });
  return { id, serial: `YK-E${stockSeq}` };
}

/** Hands a key from stock to `u`, who registers it in Entra; a sync links the credential to it. */
async function withRegisteredKey(u: SimUser) {
  const k = await stockKey();
  await api().assignment.assign({
    userId: u.id,
    keys: [{ keyId: k.id, kind: "primary" }],
    handover: { method: "in_person" },
  });
  await nextSecond();
  const cred = sim.control.registerCredential(u.id, { aaGuid: YK5, serial: k.serial });
  await s.sync.run();
  return { key: k, methodId: cred.credentialId };
}

beforeAll(async () => {
  sim = await startTestSimulator({ users: 80, seed: 31, reportLagMinutes: 0 });
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  hqOffice = sim.tenant.users.find(
    (x) => x.deletedAt === null && x.accountEnabled && x.userType === "Member" && x.officeLocation,
  )!.officeLocation!;
  await db.prisma.site.create({
    data: { id: "site-hq", code: "HQ", name: "Head office", officeLocation: hqOffice },
  });
  await db.prisma.site.create({
    data: { id: "site-far", code: "FAR", name: "Far away", officeLocation: "Nowhere in this tenant" },
  });
  await seedModels(db.prisma);
  if ((await s.sync.run()).skipped) throw new Error("sync skipped");
}, 60_000);
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("replacement by hand (simulated tenant)", () => {
  it("a user with no site: the list and the page both say 'reserve', a key in stock is reserved by serial, then the TAP can be issued", async () => {
    const u = freshUser(false);
    const { key } = await withRegisteredKey(u);
    expect((await db.prisma.directoryUser.findUniqueOrThrow({ where: { id: u.id } })).siteId).toBeNull();
    const { id, number } = await api().cases.open({ userId: u.id, kind: "lost", keyIds: [key.id] });
    let c = await api().cases.get({ id });
    c = await api().cases.verify({
      caseId: id,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });
    for (const kind of ["revoke_credential", "mark_key", "reserve_replacement"])
      c = await api().cases.runStep({
        caseId: id,
        version: c.version,
        stepId: c.steps.find((x) => x.kind === kind)!.id,
      });

    const reserve = c.steps.find((x) => x.kind === "reserve_replacement")!;
    expect(reserve).toMatchObject({ status: "skipped", isNext: true });
    expect(reserve.note).toContain("has no site in KeyFleet: scan or type the serial");
    const listed = (await api().cases.list({ q: String(number) })).items.find((x) => x.id === id)!;
    // Finding 2: the list said "Issue a TAP" while the page said "Reserve a replacement".
    expect(listed.nextStep).toBe("reserve_replacement");
    expect(c.steps.find((x) => x.kind === "issue_tap")!.isNext).toBe(false);

    // A key that is not on the shelf is refused, and nothing is reserved.
    await expect(
      api().cases.runStep({ caseId: id, version: c.version, stepId: reserve.id, serial: key.serial }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("is not in stock"),
    });
    await expect(
      api().cases.runStep({ caseId: id, version: c.version, stepId: reserve.id, serial: "NO-SUCH-SERIAL" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await api().cases.get({ id })).replacementKey).toBeNull();

    const spare = await stockKey("site-far");
    c = await api().cases.runStep({
      caseId: id,
      version: (await api().cases.get({ id })).version,
      stepId: reserve.id,
      serial: spare.serial.toLowerCase(),
    });
    expect(c.replacementKey).toMatchObject({ serial: spare.serial, status: "reserved", site: "FAR" });
    expect(c.steps.find((x) => x.kind === "reserve_replacement")).toMatchObject({
      status: "done",
      isNext: false,
    });
    expect(c.steps.find((x) => x.kind === "issue_tap")!.isNext).toBe(true);
    expect((await api().cases.list({ q: String(number) })).items.find((x) => x.id === id)!.nextStep).toBe(
      "issue_tap",
    );
    expect(await db.prisma.auditEvent.count({ where: { action: "keys.reserve", subjectId: spare.id } })).toBe(
      1,
    );

    const issued = await api().recovery.issueTap({ caseId: id, version: c.version });
    expect(issued.temporaryAccessPass.length).toBeGreaterThanOrEqual(8);
    expect(issued.case.status).toBe("waiting_registration");
  });

  it("a site with no stock: the step is skipped with a way out, and a key from another site's stock is reserved by hand", async () => {
    const u = freshUser(true);
    const { key } = await withRegisteredKey(u);
    await db.prisma.securityKey.updateMany({
      where: { siteId: "site-hq", status: "in_stock" },
      data: { siteId: "site-far" },
    });
    const { id } = await api().cases.open({ userId: u.id, kind: "damaged", keyIds: [key.id] });
    let c = await api().cases.get({ id });
    c = await api().cases.verify({
      caseId: id,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });
    for (const kind of ["revoke_credential", "mark_key", "reserve_replacement"])
      c = await api().cases.runStep({
        caseId: id,
        version: c.version,
        stepId: c.steps.find((x) => x.kind === kind)!.id,
      });
    const reserve = c.steps.find((x) => x.kind === "reserve_replacement")!;
    expect(reserve).toMatchObject({
      status: "skipped",
      isNext: true,
      note: expect.stringContaining("No key in stock at HQ"),
    });
    const spare = await stockKey("site-far");
    c = await api().cases.runStep({
      caseId: id,
      version: c.version,
      stepId: reserve.id,
      serial: spare.serial,
    });
    expect(c.replacementKey?.serial).toBe(spare.serial);
  });
});

/** A forgotten-key case with identity verified and a 480-minute multi-use pass issued. */
async function forgottenWithTap() {
  const u = freshUser(true);
  const { id } = await api().cases.open({ userId: u.id, kind: "forgotten", keyIds: [] });
  let c = await api().cases.get({ id });
  c = await api().cases.verify({
    caseId: id,
    version: c.version,
    method: "in_person",
    reference: "Desk 1, badge checked",
  });
  const tap = await api().recovery.issueTap({
    caseId: id,
    version: c.version,
    lifetimeInMinutes: 480,
    isUsableOnce: false,
  });
  return { u, id, tap, c: tap.case };
}
const liveTap = (u: SimUser) => sim.tenant.taps.get(u.idx);
const tapDeletes = () => sim.control.destructiveCalls().filter((x) => x.kind === "deleteTemporaryAccessPass");

describe("closing a case with a usable TAP (simulated tenant)", () => {
  it("by default the pass is revoked in Entra (one DELETE), with an audit event naming the case", async () => {
    const { u, id, tap, c } = await forgottenWithTap();
    const graphId = liveTap(u)!.id;
    expect(c.tapState.taps).toEqual([
      expect.objectContaining({
        id: graphId,
        isUsableNow: true,
        isUsableOnce: false,
        lifetimeInMinutes: 480,
      }),
    ]);
    const deletesBefore = tapDeletes().length;
    const closed = await api().cases.close({
      caseId: id,
      version: c.version,
      reason: "Key back with the user",
    });
    expect(closed.status).toBe("closed");
    expect(liveTap(u)).toBeUndefined();
    expect(tapDeletes()).toHaveLength(deletesBefore + 1);
    expect(tapDeletes().at(-1)).toMatchObject({ userId: u.id });
    expect(closed.tapState.taps).toEqual([]);
    expect(
      await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "tap.revoke", subjectId: u.id } }),
    ).toMatchObject({
      actorId: hana.id,
      after: expect.objectContaining({ graphMethodId: graphId, caseId: id }),
    });
    expect(
      (await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "cases.close", subjectId: id } }))
        .after,
    ).toMatchObject({ tapsRevoked: [graphId], tapsLeftUsable: [] });
    expect(
      (await db.prisma.tapIssuance.findUniqueOrThrow({ where: { id: tap.issuanceId } })).revokedById,
    ).toBe(hana.id);
  });

  it("an agent who chooses to keep the pass closes without a DELETE, and the audit event names the pass left usable", async () => {
    const { u, id, c } = await forgottenWithTap();
    const graphId = liveTap(u)!.id;
    const deletesBefore = tapDeletes().length;
    await api().cases.close({
      caseId: id,
      version: c.version,
      reason: "User keeps the pass for today",
      revokeTaps: false,
    });
    expect(liveTap(u)?.id).toBe(graphId);
    expect(tapDeletes()).toHaveLength(deletesBefore);
    expect(
      (await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "cases.close", subjectId: id } }))
        .after,
    ).toMatchObject({ tapsRevoked: [], tapsLeftUsable: [graphId] });
  });

  it("a stale close (someone else acted) revokes nothing in Entra", async () => {
    const { u, id, c } = await forgottenWithTap();
    const deletesBefore = tapDeletes().length;
    await expect(
      api().cases.close({ caseId: id, version: c.version - 1, reason: "stale view" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(liveTap(u)).toBeDefined();
    expect(tapDeletes()).toHaveLength(deletesBefore);
  });
});

describe("stored TAP state (simulated tenant)", () => {
  const tapGets = () => sim.control.stats().byRoute.listTemporaryAccessPasses ?? 0;

  it("viewing a case and its passes N times asks Entra zero times; a step (after its preflight) and 'Refresh from Entra' ask once each", async () => {
    const u = freshUser(false);
    const { key } = await withRegisteredKey(u);
    const { id } = await api().cases.open({ userId: u.id, kind: "lost", keyIds: [key.id] });
    let c = await api().cases.get({ id });
    c = await api().cases.verify({
      caseId: id,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });

    const before = tapGets();
    for (let i = 0; i < 10; i++) {
      await api().cases.get({ id });
      await api().recovery.listTaps({ userId: u.id });
    }
    expect(tapGets()).toBe(before);

    // A credential DELETE reads the passes once: the preflight right before it (live, never a stored copy:
    // docs/RECOVERY.md), whose read is stored as the user's TAP state; deleting a passkey changes no pass,
    // so no second read after the step. Views still read none.
    c = await api().cases.runStep({
      caseId: id,
      version: c.version,
      stepId: c.steps.find((x) => x.kind === "revoke_credential")!.id,
    });
    expect(tapGets()).toBe(before + 1);
    expect(c.tapState.readAt).not.toBeNull();

    // A pass created in Entra behind KeyFleet's back shows only after a refresh, which is one GET.
    await fastAdapter(sim).graph.createTemporaryAccessPass(u.id, { lifetimeInMinutes: 60 });
    const afterCreate = tapGets();
    expect(await api().recovery.listTaps({ userId: u.id })).toEqual([]);
    const refreshed = await api().recovery.refreshTaps({ userId: u.id });
    expect(refreshed).toEqual([
      expect.objectContaining({ isUsable: true, issuance: null, readAt: expect.any(Date) }),
    ]);
    expect(tapGets()).toBe(afterCreate + 1);
    for (let i = 0; i < 5; i++) expect((await api().cases.get({ id })).tapState.taps).toHaveLength(1);
    expect(tapGets()).toBe(afterCreate + 1);
    // Never the pass: the stored read holds metadata only.
    expect(
      JSON.stringify((await db.prisma.directoryUser.findUniqueOrThrow({ where: { id: u.id } })).entraTaps),
    ).not.toContain(liveTap(u)!.value);
  });
});

describe("system attribution (simulated tenant)", () => {
  const admin: Actor = { id: "demo-admin", name: "Alex Admin", email: null, roles: ["admin"] };

  it("'Sync now' pressed by an admin closes a case: the close is the system's, with the admin as triggeredBy", async () => {
    const u = freshUser(true);
    const { key } = await withRegisteredKey(u);
    const { id } = await api().cases.open({ userId: u.id, kind: "lost", keyIds: [key.id] });
    let c = await api().cases.get({ id });
    c = await api().cases.verify({
      caseId: id,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });
    await stockKey();
    for (const kind of ["revoke_credential", "mark_key", "reserve_replacement"])
      c = await api().cases.runStep({
        caseId: id,
        version: c.version,
        stepId: c.steps.find((x) => x.kind === kind)!.id,
      });
    await api().recovery.issueTap({ caseId: id, version: c.version });
    c = await api().cases.get({ id });
    await api().assignment.assign({
      userId: u.id,
      keys: [{ keyId: c.replacementKey!.id, kind: "primary" }],
      handover: { method: "in_person" },
    });
    await nextSecond();
    sim.control.registerCredential(u.id, { aaGuid: YK5, serial: c.replacementKey!.serial });

    const { runId } = await api(admin).sync.start({ full: false });
    expect(runId).not.toBeNull();
    for (let i = 0; i < 200 && (await api(admin).sync.run({ id: runId! }))?.status === "running"; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await api(admin).sync.run({ id: runId! }))?.status).toBe("succeeded");

    c = await api().cases.get({ id });
    expect(c).toMatchObject({ status: "closed", closedById: "system" });
    const ev = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "cases.auto_close", subjectId: id },
    });
    expect(ev).toMatchObject({
      actorId: "system",
      actorName: "KeyFleet",
      after: expect.objectContaining({ triggeredBy: { id: admin.id, name: admin.name } }),
    });
    // Not the admin: they pressed a button, the system closed the case.
    expect(await db.prisma.auditEvent.count({ where: { subjectId: id, actorId: admin.id } })).toBe(0);
    // The sync run itself stays the admin's.
    expect(await db.prisma.syncRun.findUniqueOrThrow({ where: { id: runId! } })).toMatchObject({
      triggeredById: admin.id,
    });
  });
});

describe("every live credential is revocable through a case (simulated tenant)", () => {
  const AUTHENTICATOR = "de1e552d-db1d-4423-a619-566b625cdc84";
  const ICLOUD = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd";
  const TITAN = "42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3"; // a model not in the catalogue here (Google is left out)
  const fido2Deletes = () => sim.control.destructiveCalls().filter((x) => x.kind === "deleteFido2Method");

  it("a KeyFleet key, an Authenticator passkey, a synced passkey and a personal key: each labelled, each revoked once, then a TAP", async () => {
    const u = freshUser(true);
    const { key, methodId: onKey } = await withRegisteredKey(u);
    const auth = sim.control.registerCredential(u.id, {
      aaGuid: AUTHENTICATOR,
      displayName: "Phone",
    }).credentialId;
    const synced = sim.control.registerCredential(u.id, {
      aaGuid: ICLOUD,
      displayName: "iPhone passkey",
    }).credentialId;
    const personal = sim.control.registerCredential(u.id, {
      aaGuid: TITAN,
      displayName: "My own key",
      personal: true,
    }).credentialId;
    await s.sync.run();

    const picked = await api().cases.userKeys({ userId: u.id });
    const byMethod = new Map(picked.credentials.map((c) => [c.methodId, c]));
    expect(byMethod.get(onKey)).toMatchObject({
      keySerial: key.serial,
      isPickable: false,
      blockedReason: `On key ${key.serial}: pick the key.`,
    });
    expect(byMethod.get(auth)).toMatchObject({ kind: "authenticator", isPickable: true, keyId: null });
    expect(byMethod.get(synced)).toMatchObject({ kind: "synced", isPickable: true });
    expect(byMethod.get(personal)).toMatchObject({ kind: "hardware", isPickable: true });
    const idOf = (m: string) => byMethod.get(m)!.id;

    // The credential on the user's key goes through the key, never on its own.
    await expect(
      api().cases.open({ userId: u.id, kind: "lost", keyIds: [], credentialIds: [idOf(onKey)] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("pick the key instead"),
    });

    const { id } = await api().cases.open({
      userId: u.id,
      kind: "stolen",
      keyIds: [key.id],
      credentialIds: [idOf(auth), idOf(synced), idOf(personal)],
    });
    let c = await api().cases.get({ id });
    const revokes = c.steps.filter((x) => x.kind === "revoke_credential");
    expect(revokes.map((x) => x.targetLabel).sort()).toEqual(
      [
        key.serial,
        "Phone (Microsoft Authenticator passkey)",
        "iPhone passkey (synced passkey)",
        "My own key (security key not from KeyFleet)",
      ].sort(),
    );
    // None of the picked credentials counts as a way in: the user needs a pass.
    expect(c.otherWorkingKeys).toEqual([]);
    expect(c.steps.find((x) => x.kind === "issue_tap")!.status).toBe("pending");

    const before = fido2Deletes().length;
    c = await api().cases.verify({
      caseId: id,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });
    for (const stepId of revokes.map((x) => x.id))
      c = await api().cases.runStep({ caseId: id, version: c.version, stepId });
    expect(fido2Deletes().length - before).toBe(4);
    for (const m of [onKey, auth, synced, personal])
      expect(sim.tenant.credentials.find((x) => x.id === m)?.removedAt).not.toBeNull();
    expect(await db.prisma.entraCredential.count({ where: { userId: u.id, removedAt: null } })).toBe(0);
    await stockKey();
    for (const kind of ["revoke_sessions", "mark_key", "reserve_replacement"])
      c = await api().cases.runStep({
        caseId: id,
        version: c.version,
        stepId: c.steps.find((x) => x.kind === kind)!.id,
      });
    expect(c.steps.find((x) => x.kind === "issue_tap")!.isNext).toBe(true);
    // Another agent issues it: the first is at the hourly TAP cap by now in this file.
    const ben: Actor = { id: "demo-helpdesk-2", name: "Ben Okafor", email: null, roles: ["helpdesk"] };
    expect(
      (await api(ben).recovery.issueTap({ caseId: id, version: c.version })).temporaryAccessPass.length,
    ).toBeGreaterThanOrEqual(8);
  });

  it("a user with only a synced passkey (no KeyFleet key at all): the case revokes it and the TAP follows", async () => {
    const u = freshUser(false);
    const synced = sim.control.registerCredential(u.id, {
      aaGuid: ICLOUD,
      displayName: "Pixel passkey",
    }).credentialId;
    await s.sync.run();
    const picked = await api().cases.userKeys({ userId: u.id });
    expect(picked.keys).toEqual([]);
    const cred = picked.credentials.find((x) => x.methodId === synced)!;
    const { id } = await api().cases.open({
      userId: u.id,
      kind: "lost",
      keyIds: [],
      credentialIds: [cred.id],
    });
    let c = await api().cases.get({ id });
    expect(c.steps.map((x) => x.kind)).toEqual([
      "verify_identity",
      "revoke_credential",
      "reserve_replacement",
      "issue_tap",
      "close",
    ]);
    c = await api().cases.verify({
      caseId: id,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });
    c = await api().cases.runStep({
      caseId: id,
      version: c.version,
      stepId: c.steps.find((x) => x.kind === "revoke_credential")!.id,
    });
    expect(sim.tenant.credentials.find((x) => x.id === synced)?.removedAt).not.toBeNull();
    expect(c.steps.find((x) => x.kind === "revoke_credential")).toMatchObject({
      status: "done",
      note: "Deleted in Entra.",
    });
  });
});
