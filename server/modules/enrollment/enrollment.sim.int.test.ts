import { describe, expect, it } from "vitest";
import { GraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import { makeEnrollmentModule } from "./enrollment.module";
import { agent, useEnrollmentSim, YK5 } from "./enrollment.testing";

// Enrollment against the simulated tenant on a real database: the ceremony's two calls, the 5-minute
// challenge, and a crash between Entra's POST and KeyFleet's write that must not register the key twice.
// Policy refusals: enrollment-policy.sim.int.test.ts; the handover with a pass: handover.sim.int.test.ts.

const h = useEnrollmentSim({ seed: 31, serialPrefix: "ENR" });
const { person, stockKey, queueOf, refusal, keyState, liveCredentials, postsSoFar } = h;

/** Entra took exactly one POST since `posts`, and the person's only live credential is the one it made. */
const expectOnePost = (posts: number, userIdx: number, methodId: string) => {
  expect(postsSoFar()).toBe(posts + 1);
  expect(liveCredentials(userIdx).map((c) => c.id)).toEqual([methodId]);
};
/** The key after an enrollment: active, with the person, carrying the credential as `enrolled`. */
const activeAndEnrolled = (custodianId: string, methodId: string) => ({
  status: "active",
  custodianId,
  credential: { methodId, matchMethod: "enrolled" },
});

describe("enrollment against the simulated tenant (integration)", () => {
  it("enrolls: options for the person, the key's answer posted once, the credential linked to the serial as `enrolled`, the key handed over and active", async () => {
    const u = person();
    const key = await stockKey();
    const itemId = await queueOf(u.id);
    const started = await h.services.enrollment.start(agent, {
      itemId,
      serial: key.serial,
      handover: "in_person",
    });
    expect(started.options.publicKey.rp.id).toBe("login.microsoftonline.com");
    expect(Date.parse(started.challengeTimeoutDateTime) - Date.now()).toBeGreaterThan(4 * 60_000);
    const credential = h.sim.control.makeCredential({
      challenge: started.options.publicKey.challenge,
      aaGuid: YK5,
    });
    const posts = postsSoFar();
    const done = await h.services.enrollment.complete(agent, { itemId, credential });

    expectOnePost(posts, u.idx, done.methodId);
    expect(await keyState(key.id)).toEqual(activeAndEnrolled(u.id, done.methodId));
    expect(
      await h.db.prisma.keyAssignment.findFirst({
        where: { keyId: key.id, endedAt: null },
        select: { userId: true, handover: true },
      }),
    ).toEqual({ userId: u.id, handover: "in_person" });
    const events = await h.db.prisma.auditEvent.findMany({
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
    const r = await h.services.sync.run();
    if (r.skipped) throw new Error("skipped");
    expect((await keyState(key.id)).credential).toEqual({ methodId: done.methodId, matchMethod: "enrolled" });
    // The rollout dashboard counts it apart from matched links (this database holds no other link).
    expect(await h.services.enrollment.linkShare()).toEqual({ enrolled: 1, confirmed: 0, inferred: 0 });
    // Finishing again changes nothing and posts nothing.
    await h.services.enrollment.complete(agent, { itemId, credential });
    expect(postsSoFar()).toBe(posts + 1);
  });

  it("shipped: the key is enrolled and booked as awaiting shipment", async () => {
    const u = person();
    const key = await stockKey();
    const itemId = await queueOf(u.id, "shipped");
    const s = await h.services.enrollment.start(agent, { itemId, serial: key.serial, handover: "shipped" });
    await h.services.enrollment.complete(agent, {
      itemId,
      credential: h.sim.control.makeCredential({ challenge: s.options.publicKey.challenge, aaGuid: YK5 }),
    });
    expect(
      await h.db.prisma.keyAssignment.findFirst({
        where: { keyId: key.id, endedAt: null },
        select: { handover: true, shippedAt: true, confirmedById: true },
      }),
    ).toEqual({ handover: "shipped", shippedAt: null, confirmedById: null });
    const q = await h.services.enrollment.queue(
      (await h.db.prisma.enrollmentItem.findUniqueOrThrow({ where: { id: itemId } })).batchId,
    );
    expect((await h.services.enrollment.sheetCsv(q.id)).csv).toContain(`${key.serial},`);
  });

  it("a key answering after the 5-minute challenge: Entra refuses, the agent reads why, nothing is registered; fresh options then work", async () => {
    const u = person();
    const key = await stockKey();
    const itemId = await queueOf(u.id);
    const s = await h.services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" });
    h.sim.control.advance(6 / 1440);
    const e = await refusal(
      h.services.enrollment.complete(agent, {
        itemId,
        credential: h.sim.control.makeCredential({ challenge: s.options.publicKey.challenge, aaGuid: YK5 }),
      }),
    );
    expect(e.message).toBe(
      "The key answered after the 5 minutes Entra gives each registration. Press Try again for fresh options and touch the key again.",
    );
    expect(liveCredentials(u.idx)).toEqual([]);
    expect((await keyState(key.id)).status).toBe("in_stock");
    expect(
      await h.db.prisma.enrollmentItem.findUniqueOrThrow({ where: { id: itemId }, select: { status: true } }),
    ).toEqual({ status: "failed" });

    const again = await h.services.enrollment.start(agent, {
      itemId,
      serial: key.serial,
      handover: "in_person",
    });
    expect(again.options.publicKey.challenge).not.toBe(s.options.publicKey.challenge);
    await h.services.enrollment.complete(agent, {
      itemId,
      credential: h.sim.control.makeCredential({ challenge: again.options.publicKey.challenge, aaGuid: YK5 }),
    });
    expect(liveCredentials(u.idx)).toHaveLength(1);
  });

  it("Entra's answer lost after the POST: finishing looks in Entra and links what it finds; no second POST, no second credential", async () => {
    const u = person();
    const key = await stockKey();
    // The POST reaches Entra, which creates the credential; the answer never comes back.
    const lossy: GraphPort = {
      ...h.graph,
      createFido2Method: async (userId, input) => {
        await h.graph.createFido2Method(userId, input);
        throw new GraphError({
          kind: "timeout",
          message: "Graph did not answer createFido2Method within 30 s",
          operation: "createFido2Method",
        });
      },
    };
    const flaky = makeEnrollmentModule({
      uow: h.services.uow,
      audit: h.services.audit,
      graph: lossy,
      clock: () => new Date(),
      assignIn: h.services.assignment.assignIn,
    });
    const itemId = await queueOf(u.id);
    const s = await flaky.start(agent, { itemId, serial: key.serial, handover: "in_person" });
    const credential = h.sim.control.makeCredential({
      challenge: s.options.publicKey.challenge,
      aaGuid: YK5,
    });
    const posts = postsSoFar();
    const e = await refusal(flaky.complete(agent, { itemId, credential }));
    expect(e.code).toBe("UPSTREAM");
    expect(e.message).toMatch(/Press Finish/);
    expect(
      await h.db.prisma.enrollmentItem.findUniqueOrThrow({ where: { id: itemId }, select: { status: true } }),
    ).toEqual({ status: "posting" });
    expect((await keyState(key.id)).status).toBe("in_stock");
    // Starting over is refused while a post may have landed (it would fetch options and post again).
    expect(
      (
        await refusal(
          h.services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" }),
        )
      ).code,
    ).toBe("CONFLICT");

    // The browser retries with the same answer.
    const done = await h.services.enrollment.complete(agent, { itemId, credential });
    expectOnePost(posts, u.idx, done.methodId);
    expect(await keyState(key.id)).toEqual(activeAndEnrolled(u.id, done.methodId));
  });

  it("a crash in KeyFleet's own write after Entra created the credential: Finish (no key answer at hand) links it; nothing posted again", async () => {
    const u = person();
    const key = await stockKey();
    const crashing = makeEnrollmentModule({
      uow: h.services.uow,
      audit: h.services.audit,
      graph: h.graph,
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
        credential: h.sim.control.makeCredential({ challenge: s.options.publicKey.challenge, aaGuid: YK5 }),
      }),
    ).rejects.toThrow("process killed");
    expect(liveCredentials(u.idx)).toHaveLength(1);
    expect(await h.db.prisma.entraCredential.count({ where: { userId: u.id } })).toBe(0);

    // After the restart: the queue shows the item as posting; Finish without the key's answer.
    const done = await h.services.enrollment.complete(agent, { itemId });
    expectOnePost(posts, u.idx, done.methodId);
    expect((await keyState(key.id)).credential).toEqual({ methodId: done.methodId, matchMethod: "enrolled" });
  });
});
