import { describe, expect, it } from "vitest";
import type { Fido2Policy } from "@/server/graph/port";
import { preflight } from "./preflight";

// The checks made before a key is touched, on policies Entra can hold (a tenant on passkey profiles, one
// still on the legacy settings, group targets KeyFleet does not mirror).

const YK = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const user = { id: "u-1", displayName: "Ada Lovelace", groupIds: ["g-wave-1"] };
const model = { name: "Yubico YubiKey 5 NFC", aaguids: [YK] };
const profile = {
  id: "p-1",
  name: "Default passkey profile",
  passkeyTypes: "deviceBound,synced",
  attestationEnforcement: "disabled",
  keyRestrictions: { isEnforced: false, enforcementType: "allow", aaGuids: [] },
};
const policy = (patch: Partial<Fido2Policy> = {}): Fido2Policy => ({
  id: "Fido2",
  state: "enabled",
  isSelfServiceRegistrationAllowed: true,
  isAttestationEnforced: false,
  keyRestrictions: { isEnforced: false, enforcementType: "allow", aaGuids: [] },
  defaultPasskeyProfile: "p-1",
  includeTargets: [{ id: "all_users", targetType: "group", allowedPasskeyProfiles: ["p-1"] }],
  excludeTargets: [],
  passkeyProfiles: [profile],
  ...patch,
});

describe("enrollment preflight", () => {
  it("a default tenant refuses nothing and notes nothing", () => {
    expect(preflight({ policy: policy(), user, model })).toEqual({
      refusals: [],
      notes: [],
      attestationRequired: false,
    });
  });

  it("the method turned off, and the person excluded (by a group KeyFleet knows), are refusals", () => {
    const r = preflight({
      policy: policy({ state: "disabled", excludeTargets: [{ id: "g-wave-1" }] }),
      user,
      model,
    });
    expect(r.refusals).toHaveLength(2);
    expect(r.refusals[0]).toMatch(/^The passkey \(FIDO2\) method is turned off/);
    expect(r.refusals[1]).toMatch(/^Ada Lovelace is excluded from the passkey \(FIDO2\) method/);
  });

  it("targets only groups KeyFleet does not mirror: a note, not a refusal (it cannot tell)", () => {
    const r = preflight({
      policy: policy({ includeTargets: [{ id: "g-other", targetType: "group" }] }),
      user,
      model,
    });
    expect(r.refusals).toEqual([]);
    expect(r.notes[0]).toMatch(/targets groups KeyFleet does not mirror/);
  });

  it("a model KeyFleet knows no AAGUID of cannot be checked against an allow list: refused with what to do", () => {
    const r = preflight({
      policy: policy({ keyRestrictions: { isEnforced: true, enforcementType: "allow", aaGuids: [YK] } }),
      user,
      model: { name: "Acme Key", aaguids: [] },
    });
    expect(r.refusals).toEqual([
      "KeyFleet does not know the AAGUID of Acme Key, so it cannot tell whether the tenant's key restrictions allow it. Add the model's AAGUID under Procurement → Models, then try again.",
    ]);
  });

  it("a model with one AAGUID of several blocked is still allowed (the key may carry the other)", () => {
    const r = preflight({
      policy: policy({ keyRestrictions: { isEnforced: true, enforcementType: "block", aaGuids: [YK] } }),
      user,
      model: { ...model, aaguids: [YK, "fa2b99dc-9e39-4257-8f92-4a30d23c4118"] },
    });
    expect(r.refusals).toEqual([]);
  });

  it("the profile the person's target names applies, not the default one", () => {
    const strict = {
      ...profile,
      id: "p-2",
      name: "Admins",
      passkeyTypes: "synced",
      attestationEnforcement: "registrationOnly",
    };
    const r = preflight({
      policy: policy({
        includeTargets: [{ id: "g-wave-1", targetType: "group", allowedPasskeyProfiles: ["p-2"] }],
        passkeyProfiles: [profile, strict],
      }),
      user,
      model,
    });
    expect(r.refusals).toEqual([
      expect.stringMatching(/^The passkey profile "Admins" allows no device-bound passkeys/),
    ]);
    expect(r.attestationRequired).toBe(true);
  });
});
