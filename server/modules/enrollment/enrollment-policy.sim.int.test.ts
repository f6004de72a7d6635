import { describe, expect, it } from "vitest";
import { agent, THALES, useEnrollmentSim, YK5 } from "./enrollment.testing";

// Enrollment's policy refusals against the simulated tenant: said in plain words before anything is
// written, or Entra's refusal translated when only Entra can tell.

const h = useEnrollmentSim({ seed: 31, serialPrefix: "ENP" });
const { person, stockKey, queueOf, refusal, keyState, liveCredentials, optionsSoFar } = h;

describe("policy refusals", () => {
  it("key restrictions that do not allow the model: refused before options are fetched; nothing written to the key or Entra", async () => {
    const u = person();
    const key = await stockKey(THALES);
    h.sim.control.setFido2Policy({
      keyRestrictions: { isEnforced: true, enforcementType: "allow", aaGuids: [YK5] },
    });
    const itemId = await queueOf(u.id);
    const before = optionsSoFar();
    const e = await refusal(
      h.services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" }),
    );
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toBe(
      "Thales IDPrime 931 FIDO is not allowed by the tenant's key restrictions (its AAGUID is not on the allow list), so Entra would refuse it. Use a key of an allowed model, or ask an administrator to allow this model (Entra admin center → Authentication methods → Passkey (FIDO2) → Configure).",
    );
    expect(optionsSoFar()).toBe(before);
    expect(await keyState(key.id)).toEqual({ status: "in_stock", custodianId: null, credential: null });
    expect(liveCredentials(u.idx)).toEqual([]);
    expect(
      await h.db.prisma.enrollmentItem.findUniqueOrThrow({
        where: { id: itemId },
        select: { status: true, message: true },
      }),
    ).toEqual({ status: "failed", message: e.message });
  });

  it("a passkey profile that blocks the model is refused the same way", async () => {
    const u = person();
    const key = await stockKey(THALES);
    const profiles = h.fido2Policy0().passkeyProfiles.map((p) => ({
      ...p,
      keyRestrictions: { isEnforced: true, enforcementType: "block" as const, aaGuids: [THALES] },
    }));
    h.sim.control.setFido2Policy({ passkeyProfiles: profiles });
    const e = await refusal(
      h.services.enrollment.start(agent, {
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
    h.sim.control.setFido2Policy({ isSelfServiceRegistrationAllowed: false });
    const before = optionsSoFar();
    const e = await refusal(
      h.services.enrollment.start(agent, {
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
    h.sim.control.setFido2Policy({ isAttestationEnforced: true });
    const itemId = await queueOf(u.id);
    const s = await h.services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" });
    expect(s.attestationRequired).toBe(true);
    expect(s.notes.join(" ")).toMatch(/allow it, or Entra will refuse the key/);
    const e = await refusal(
      h.services.enrollment.complete(agent, {
        itemId,
        credential: h.sim.control.makeCredential({
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
    h.sim.control.setFido2Policy({
      keyRestrictions: { isEnforced: true, enforcementType: "block", aaGuids: [THALES] },
    });
    const itemId = await queueOf(u.id);
    const s = await h.services.enrollment.start(agent, { itemId, serial: key.serial, handover: "in_person" });
    const e = await refusal(
      h.services.enrollment.complete(agent, {
        itemId,
        credential: h.sim.control.makeCredential({
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
