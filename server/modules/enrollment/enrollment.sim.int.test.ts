import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { AppError } from "@/server/errors";
import { GraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";
import { makeEnrollmentModule } from "./enrollment.module";

// Enrollment against the simulated tenant on a real database: the ceremony's two calls, the policy
// refusals said in plain words before anything is written, the 5-minute challenge, and a crash between
// Entra's POST and KeyFleet's write that must not register the key twice.

const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const THALES = "2194b428-9397-4046-8f39-007a1605a482";
const agent: RequestContext = {
  actor: { id: "agent-1", name: "Ada Agent", email: null, roles: ["helpdesk"] },
  requestId: "req-enroll",
};

let sim: RunningSimulator;
let db: TestDatabase;
let graph: GraphPort;
let services: Services;
let serialNo = 0;
const defaultPolicy = () => structuredClone(sim.tenant.fido2Policy);
let policy0: ReturnType<typeof defaultPolicy>;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 31, reportLagMinutes: 0 });
  db = await createTestDatabase();
  graph = fastAdapter(sim).graph;
  services = buildServices({ prisma: db.prisma, graph });
  await db.prisma.site.create({
    data: { id: "site-hq", code: "HQ", name: "Austin", officeLocation: "Austin HQ" },
  });
  await seedModels(db.prisma);
  const r = await services.sync.run();
  if (r.skipped || r.status !== "succeeded") throw new Error("first sync failed");
  policy0 = defaultPolicy();
});

beforeEach(() => {
  sim.control.setFido2Policy(structuredClone(policy0));
});

afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

/** A key in stock of the model that carries `aaguid`, and a fresh active person with no credential yet. */
async function stockKey(aaguid = YK5) {
  const model = await db.prisma.keyModelAaguid.findFirstOrThrow({
    where: { aaguid },
    select: { modelId: true, model: { select: { vendor: true } } },
  });
  const serial = `ENR-${++serialNo}`;
  const key = await db.prisma.securityKey.create({
    data: {
      serial,
      vendor: model.model.vendor,
      modelId: model.modelId,
      siteId: "site-hq",
      status: "in_stock",
    },
    select: { id: true, serial: true },
  });
  return key;
}
const used = new Set<string>();
function person() {
  const u = sim.tenant.users.find(
    (x) =>
      x.deletedAt === null &&
      x.accountEnabled &&
      x.userType === "Member" &&
      !used.has(x.id) &&
      !(sim.tenant.credentialsByUser.get(x.idx) ?? []).some((c) => c.removedAt === null),
  );
  if (!u) throw new Error("no fresh user left");
  used.add(u.id);
  return u;
}
const liveCredentials = (userIdx: number) =>
  (sim.tenant.credentialsByUser.get(userIdx) ?? []).filter((c) => c.removedAt === null);
const postsSoFar = () => sim.control.stats().byRoute.createFido2Method ?? 0;
const optionsSoFar = () => sim.control.stats().byRoute.getFido2CreationOptions ?? 0;

async function queueOf(userId: string, handover: "in_person" | "shipped" = "in_person") {
  const q = await services.enrollment.createQueue(agent, { source: "single", userId, handover });
  const item = await db.prisma.enrollmentItem.findFirstOrThrow({
    where: { batchId: q.batchId },
    select: { id: true },
  });
  return item.id;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const keyState = (id: string) =>
  db.prisma.securityKey.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      custodianId: true,
      credential: { select: { methodId: true, matchMethod: true } },
    },
  });

describe("enrollment against the simulated tenant (integration)", () => {
  it("enrolls: options for the person, the key's answer posted once, the credential linked to the serial as `enrolled`, the key handed over and active", async () => {
    const u = person();
    const key = await stockKey();
    const itemId = await queueOf(u.id);
    const started = await services.enrollment.start(agent, {
      itemId,
      serial: key.serial,
      handover: "in_person",
    });
    expect(started.options.publicKey.rp.id).toBe("login.microsoftonline.com");
    expect(Date.parse(started.challengeTimeoutDateTime) - Date.now()).toBeGreaterThan(4 * 60_000);
    const credential = sim.control.makeCredential({
      challenge: started.options.publicKey.challenge,
      aaGuid: YK5,
    });
    const posts = postsSoFar();
    const done = await services.enrollment.complete(agent, { itemId, credential });

    expect(postsSoFar()).toBe(posts + 1);
    expect(liveCredentials(u.idx).map((c) => c.id)).toEqual([done.methodId]);
    expect(await keyState(key.id)).toEqual({
      status: "active",
      custodianId: u.id,
      credential: { methodId: done.methodId, matchMethod: "enrolled" },
    });
    expect(
      await db.prisma.keyAssignment.findFirst({
        where: { keyId: key.id, endedAt: null },
        select: { userId: true, handover: true },
      }),
    ).toEqual({ userId: u.id, handover: "in_person" });
    const events = await db.prisma.auditEvent.findMany({
      where: { action: { startsWith: "enrollment." } },
      select: { action: true, after: true },
    });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["enrollment.queue", "enrollment.start", "enrollment.enroll"]),
    );
    // The challenge and the key's answer are never kept.
    expect(JSON.stringify(events)).not.toContain(started.options.publicKey.challenge);
    expect(JSON.stringify(events)).not.toContain(credential.response.attestationObject.slice(0, 40));

    // A sync afterwards keeps the link it did not make.
    const r = await services.sync.run();
    if (r.skipped) throw new Error("skipped");
    expect((await keyState(key.id)).credential).toEqual({ methodId: done.methodId, matchMethod: "enrolled" });
    // The rollout dashboard counts it apart from matched links (this database holds no other link).
    expect(await services.enrollment.linkShare()).toEqual({ enrolled: 1, confirmed: 0, inferred: 0 });
    // Finishing again changes nothing and posts nothing.
    await services.enrollment.complete(agent, { itemId, credential });
    expect(postsSoFar()).toBe(posts + 1);
  });

  it("shipped: the key is enrolled and booked as awaiting shipment", async () => {
    const u = person();
    const key = await stockKey();
    const itemId = await queueOf(u.id, "shipped");
    const s = await services.enrollment.start(agent, { itemId, serial: key.serial, handover: "shipped" });
    await services.enrollment.complete(agent, {
      itemId,
      credential: sim.control.makeCredential({ challenge: s.options.publicKey.challenge, aaGuid: YK5 }),
    });
    expect(
      await db.prisma.keyAssignment.findFirst({
        where: { keyId: key.id, endedAt: null },
        select: { handover: true, shippedAt: true, confirmedById: true },
      }),
    ).toEqual({ handover: "shipped", shippedAt: null, confirmedById: null });
    const q = await services.enrollment.queue(
      (await db.prisma.enrollmentItem.findUniqueOrThrow({ where: { id: itemId } })).batchId,
    );
    expect((await services.enrollment.sheetCsv(q.id)).csv).toContain(`${key.serial},`);
  });

  it("a key answering after the 5-minute challenge: Entra refuses, the agent reads why, nothing is registered; fresh options then work", async () => {
    const u = person();
    const key = await stockKey();
    const itemId = await queueOf(u.id);
    const s = await services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" });
    sim.control.advance(6 / 1440);
    const e = await refusal(
      services.enrollment.complete(agent, {
        itemId,
        credential: sim.control.makeCredential({ challenge: s.options.publicKey.challenge, aaGuid: YK5 }),
      }),
    );
    expect(e.message).toBe(
      "The key answered after the 5 minutes Entra gives each registration. Press Try again for fresh options and touch the key again.",
    );
    expect(liveCredentials(u.idx)).toEqual([]);
    expect((await keyState(key.id)).status).toBe("in_stock");
    expect(
      await db.prisma.enrollmentItem.findUniqueOrThrow({ where: { id: itemId }, select: { status: true } }),
    ).toEqual({ status: "failed" });

    const again = await services.enrollment.start(agent, {
      itemId,
      serial: key.serial,
      handover: "in_person",
    });
    expect(again.options.publicKey.challenge).not.toBe(s.options.publicKey.challenge);
    await services.enrollment.complete(agent, {
      itemId,
      credential: sim.control.makeCredential({ challenge: again.options.publicKey.challenge, aaGuid: YK5 }),
    });
    expect(liveCredentials(u.idx)).toHaveLength(1);
  });

  it("Entra's answer lost after the POST: finishing looks in Entra and links what it finds; no second POST, no second credential", async () => {
    const u = person();
    const key = await stockKey();
    // The POST reaches Entra, which creates the credential; the answer never comes back.
    const lossy: GraphPort = {
      ...graph,
      createFido2Method: async (userId, input) => {
        await graph.createFido2Method(userId, input);
        throw new GraphError({
          kind: "timeout",
          message: "Graph did not answer createFido2Method within 30 s",
          operation: "createFido2Method",
        });
      },
    };
    const flaky = makeEnrollmentModule({
      uow: services.uow,
      audit: services.audit,
      graph: lossy,
      clock: () => new Date(),
      assignIn: services.assignment.assignIn,
    });
    const itemId = await queueOf(u.id);
    const s = await flaky.start(agent, { itemId, serial: key.serial, handover: "in_person" });
    const credential = sim.control.makeCredential({ challenge: s.options.publicKey.challenge, aaGuid: YK5 });
    const posts = postsSoFar();
    const e = await refusal(flaky.complete(agent, { itemId, credential }));
    expect(e.code).toBe("UPSTREAM");
    expect(e.message).toMatch(/Press Finish/);
    expect(
      await db.prisma.enrollmentItem.findUniqueOrThrow({ where: { id: itemId }, select: { status: true } }),
    ).toEqual({ status: "posting" });
    expect((await keyState(key.id)).status).toBe("in_stock");
    // Starting over is refused while a post may have landed (it would fetch options and post again).
    expect(
      (await refusal(services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" })))
        .code,
    ).toBe("CONFLICT");

    // The browser retries with the same answer.
    const done = await services.enrollment.complete(agent, { itemId, credential });
    expect(postsSoFar()).toBe(posts + 1);
    expect(liveCredentials(u.idx).map((c) => c.id)).toEqual([done.methodId]);
    expect(await keyState(key.id)).toEqual({
      status: "active",
      custodianId: u.id,
      credential: { methodId: done.methodId, matchMethod: "enrolled" },
    });
  });

  it("a crash in KeyFleet's own write after Entra created the credential: Finish (no key answer at hand) links it; nothing posted again", async () => {
    const u = person();
    const key = await stockKey();
    const crashing = makeEnrollmentModule({
      uow: services.uow,
      audit: services.audit,
      graph,
      clock: () => new Date(),
      assignIn: async () => {
        throw new Error("process killed");
      },
    });
    const itemId = await queueOf(u.id);
    const s = await crashing.start(agent, { itemId, serial: key.serial, handover: "in_person" });
    const posts = postsSoFar();
    await expect(
      crashing.complete(agent, {
        itemId,
        credential: sim.control.makeCredential({ challenge: s.options.publicKey.challenge, aaGuid: YK5 }),
      }),
    ).rejects.toThrow("process killed");
    expect(liveCredentials(u.idx)).toHaveLength(1);
    expect(await db.prisma.entraCredential.count({ where: { userId: u.id } })).toBe(0);

    // After the restart: the queue shows the item as posting; Finish without the key's answer.
    const done = await services.enrollment.complete(agent, { itemId });
    expect(postsSoFar()).toBe(posts + 1);
    expect(liveCredentials(u.idx).map((c) => c.id)).toEqual([done.methodId]);
    expect((await keyState(key.id)).credential).toEqual({ methodId: done.methodId, matchMethod: "enrolled" });
  });

  describe("policy refusals", () => {
    it("key restrictions that do not allow the model: refused before options are fetched; nothing written to the key or Entra", async () => {
      const u = person();
      const key = await stockKey(THALES);
      sim.control.setFido2Policy({
        keyRestrictions: { isEnforced: true, enforcementType: "allow", aaGuids: [YK5] },
      });
      const itemId = await queueOf(u.id);
      const before = optionsSoFar();
      const e = await refusal(
        services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" }),
      );
      expect(e.code).toBe("PRECONDITION_FAILED");
      expect(e.message).toBe(
        "Thales IDPrime 931 FIDO is not allowed by the tenant's key restrictions (its AAGUID is not on the allow list), so Entra would refuse it. Use a key of an allowed model, or ask an administrator to allow this model (Entra admin center → Authentication methods → Passkey (FIDO2) → Configure).",
      );
      expect(optionsSoFar()).toBe(before);
      expect(await keyState(key.id)).toEqual({ status: "in_stock", custodianId: null, credential: null });
      expect(liveCredentials(u.idx)).toEqual([]);
      expect(
        await db.prisma.enrollmentItem.findUniqueOrThrow({
          where: { id: itemId },
          select: { status: true, message: true },
        }),
      ).toEqual({ status: "failed", message: e.message });
    });

    it("a passkey profile that blocks the model is refused the same way", async () => {
      const u = person();
      const key = await stockKey(THALES);
      const profiles = policy0.passkeyProfiles.map((p) => ({
        ...p,
        keyRestrictions: { isEnforced: true, enforcementType: "block" as const, aaGuids: [THALES] },
      }));
      sim.control.setFido2Policy({ passkeyProfiles: profiles });
      const e = await refusal(
        services.enrollment.start(agent, {
          itemId: await queueOf(u.id),
          serial: key.serial,
          handover: "in_person",
        }),
      );
      expect(e.message).toMatch(
        /^Thales IDPrime 931 FIDO is not allowed by the passkey profile "Default passkey profile" \(its AAGUID is blocked\)/,
      );
    });

    it("self-service setup off: refused before anything, saying Entra requires it for provisioning", async () => {
      const u = person();
      const key = await stockKey();
      sim.control.setFido2Policy({ isSelfServiceRegistrationAllowed: false });
      const before = optionsSoFar();
      const e = await refusal(
        services.enrollment.start(agent, {
          itemId: await queueOf(u.id),
          serial: key.serial,
          handover: "in_person",
        }),
      );
      expect(e.message).toBe(
        'Self-service setup is off in the passkey (FIDO2) policy, and Entra requires it to register keys on someone\'s behalf. An administrator turns on "Allow self-service set up" in Entra admin center → Authentication methods → Passkey (FIDO2).',
      );
      expect(optionsSoFar()).toBe(before);
      expect((await keyState(key.id)).status).toBe("in_stock");
    });

    it("attestation enforced and the key sent none: the agent is warned first, Entra refuses, nothing registered, the key stays in stock", async () => {
      const u = person();
      const key = await stockKey();
      sim.control.setFido2Policy({ isAttestationEnforced: true });
      const itemId = await queueOf(u.id);
      const s = await services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" });
      expect(s.attestationRequired).toBe(true);
      expect(s.notes.join(" ")).toMatch(/allow it, or Entra will refuse the key/);
      const e = await refusal(
        services.enrollment.complete(agent, {
          itemId,
          credential: sim.control.makeCredential({
            challenge: s.options.publicKey.challenge,
            aaGuid: YK5,
            fmt: "none",
          }),
        }),
      );
      expect(e.message).toBe(
        "Entra requires attestation and the browser sent none. Try again and allow the browser to share the key's make and model when it asks.",
      );
      expect(liveCredentials(u.idx)).toEqual([]);
      expect(await keyState(key.id)).toEqual({ status: "in_stock", custodianId: null, credential: null });
    });

    it("a key whose AAGUID Entra blocks although its recorded model is allowed: Entra's refusal in plain words", async () => {
      const u = person();
      const key = await stockKey();
      sim.control.setFido2Policy({
        keyRestrictions: { isEnforced: true, enforcementType: "block", aaGuids: [THALES] },
      });
      const itemId = await queueOf(u.id);
      const s = await services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" });
      const e = await refusal(
        services.enrollment.complete(agent, {
          itemId,
          credential: sim.control.makeCredential({
            challenge: s.options.publicKey.challenge,
            aaGuid: THALES,
          }),
        }),
      );
      expect(e.message).toMatch(/^Entra refused this key: its model is not allowed by the key restrictions/);
      expect(e.message).not.toMatch(/AAGUID 2194b428/);
      expect(liveCredentials(u.idx)).toEqual([]);
    });
  });
});
