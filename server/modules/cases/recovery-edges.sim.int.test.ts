import { beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter } from "@/server/graph/simulator/testing";
import { hana, useSimulatedHelpdesk, type SimUser } from "./sim-harness";

// The recovery workflow's edges against the simulated tenant, as a production-like tenant shows them:
// a user whose office matches no site, a site with no stock.

const h = useSimulatedHelpdesk();
const { api, freshUser, stockKey, withRegisteredKey, verifyInPerson, runSteps } = h;
let sim: RunningSimulator;
let db: TestDatabase;
beforeAll(() => void ({ sim, db } = h.get()));

describe("replacement by hand (simulated tenant)", () => {
  it("a user with no site: the list and the page both say 'reserve', a key in stock is reserved by serial, then the TAP can be issued", async () => {
    const u = freshUser(false);
    const { key } = await withRegisteredKey(u);
    expect((await db.prisma.directoryUser.findUniqueOrThrow({ where: { id: u.id } })).siteId).toBeNull();
    const { id, number } = await api().cases.open({ userId: u.id, kind: "lost", keyIds: [key.id] });
    let c = await verifyInPerson(await api().cases.get({ id }));
    c = await runSteps(c, ["revoke_credential", "mark_key", "reserve_replacement"]);

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
    let c = await verifyInPerson(await api().cases.get({ id }));
    c = await runSteps(c, ["revoke_credential", "mark_key", "reserve_replacement"]);
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
  const c = await verifyInPerson(await api().cases.get({ id }));
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

  it("a preflight's live read of the passes is the user's TAP state: the case shows it at once, with no second read", async () => {
    const u = freshUser(true);
    const { key } = await withRegisteredKey(u);
    await fastAdapter(sim).graph.createTemporaryAccessPass(u.id, { lifetimeInMinutes: 60 });
    const { id } = await api().cases.open({ userId: u.id, kind: "lost", keyIds: [key.id] });
    expect((await api().cases.get({ id })).tapState.readAt).toBeNull();

    const before = tapGets();
    const preflight = await api().cases.preflight({ caseId: id });
    expect(preflight.tap.hasUsablePass).toBe(true);
    expect(tapGets()).toBe(before + 1);
    const c = await api().cases.get({ id });
    expect(c.tapState.readAt).not.toBeNull();
    expect(c.tapState.taps).toEqual([expect.objectContaining({ isUsable: true })]);
    expect(await api().recovery.listTaps({ userId: u.id })).toEqual([
      expect.objectContaining({ isUsable: true, readAt: expect.any(Date) }),
    ]);
    expect(tapGets()).toBe(before + 1);
  });

  it("viewing a case and its passes N times asks Entra zero times; a step (after its preflight) and 'Refresh from Entra' ask once each", async () => {
    const u = freshUser(false);
    const { key } = await withRegisteredKey(u);
    const { id } = await api().cases.open({ userId: u.id, kind: "lost", keyIds: [key.id] });
    let c = await verifyInPerson(await api().cases.get({ id }));

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
