import { describe, expect, it } from "vitest";
import { credentialKind } from "./credential-kind";

const yubikey = "2fc0579f-8113-47ea-b116-bb5a8db9202a";

describe("credentialKind", () => {
  it("names a synced passkey synced, whatever its AAGUID", () => {
    expect(credentialKind({ aaGuid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd", passkeyType: "synced" })).toBe(
      "synced",
    );
    expect(credentialKind({ aaGuid: yubikey, passkeyType: "synced" }, () => true)).toBe("synced");
  });
  it("names both Microsoft Authenticator AAGUIDs authenticator, not hardware, though they are device-bound", () => {
    expect(
      credentialKind({ aaGuid: "de1e552d-db1d-4423-a619-566b625cdc84", passkeyType: "deviceBound" }),
    ).toBe("authenticator");
    expect(
      credentialKind({ aaGuid: "90A3CCDF-635C-4729-A248-9B709135078F", passkeyType: "deviceBound" }),
    ).toBe("authenticator");
  });
  it("names a known model's AAGUID hardware even when Graph gives no passkey type", () => {
    const procured = "11111111-2222-4333-8444-555555555555"; // in no catalogue: only procurement knows it
    expect(credentialKind({ aaGuid: procured }, (a) => a === procured)).toBe("hardware");
    expect(credentialKind({ aaGuid: procured })).toBe("unknown");
  });
  it("names a catalogued security key hardware with nothing typed in (a fresh tenant)", () => {
    expect(credentialKind({ aaGuid: yubikey })).toBe("hardware");
    expect(credentialKind({ aaGuid: yubikey.toUpperCase(), passkeyType: null })).toBe("hardware");
  });
  it("names an unlisted device-bound credential hardware, but not a platform authenticator or an all-zero AAGUID", () => {
    expect(
      credentialKind({ aaGuid: "11111111-2222-4333-8444-555555555555", passkeyType: "deviceBound" }),
    ).toBe("hardware");
    expect(
      credentialKind({ aaGuid: "08987058-cadc-4b81-b6e1-30de50dcbe96", passkeyType: "deviceBound" }),
    ).toBe("unknown");
    expect(
      credentialKind({ aaGuid: "00000000-0000-0000-0000-000000000000", passkeyType: "deviceBound" }),
    ).toBe("unknown");
    expect(credentialKind({ aaGuid: null, passkeyType: null })).toBe("unknown");
  });
});
