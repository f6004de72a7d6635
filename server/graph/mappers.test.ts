import { describe, expect, it } from "vitest";
import { toFido2Method, toFido2Policy, toUser } from "./mappers";

describe("mappers", () => {
  it("ignore unknown properties and treat wrongly typed fields as absent", () => {
    const m = toFido2Method({
      "@odata.type": "#microsoft.graph.fido2AuthenticationMethod",
      id: "abc",
      aaGuid: "2FC0579F-8113-47EA-B116-BB5A8DB9202A",
      model: "YubiKey 5 Series with NFC",
      attestationLevel: "attested",
      somethingNew: { nested: true },
      createdDateTime: 12,
    });
    expect(m).toEqual({
      id: "abc",
      aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
      model: "YubiKey 5 Series with NFC",
      attestationLevel: "attested",
    });
    expect(m).not.toHaveProperty("somethingNew");
  });

  it("keep explicit nulls and drop missing fields", () => {
    expect(toUser({ id: "u", mobilePhone: null, futureField: 1 })).toEqual({ id: "u", mobilePhone: null });
  });

  it("read a legacy FIDO2 policy without passkey profiles", () => {
    const p = toFido2Policy({
      id: "Fido2",
      state: "enabled",
      keyRestrictions: {
        isEnforced: true,
        enforcementType: "allow",
        aaGuids: ["CB69481E-8FF7-4039-93EC-0A2729A154A8"],
      },
    });
    expect(p.passkeyProfiles).toEqual([]);
    expect(p.keyRestrictions?.aaGuids).toEqual(["cb69481e-8ff7-4039-93ec-0a2729a154a8"]);
  });
});
