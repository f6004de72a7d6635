// What kind of authenticator a FIDO2 credential in Entra is, from what Entra tells us about it. Labels
// credentials in cases, the wizard and the preflight, so a personal key or a passkey in a phone is never
// mistaken for (or hidden behind) a KeyFleet key. The rules: docs/RECOVERY.md ("Credential kinds"); the
// built-in authenticator catalogue (server/catalog, docs/CATALOG.md) knows most AAGUIDs by kind.
import { lookupAuthenticator } from "@/server/catalog";
import type { CredentialKind } from "./credential-kind.constants";

/** Microsoft Authenticator's passkey AAGUIDs (Android, iOS), published by Microsoft. */
export const microsoftAuthenticatorAaguids: ReadonlySet<string> = new Set([
  "de1e552d-db1d-4423-a619-566b625cdc84",
  "90a3ccdf-635c-4729-a248-9b709135078f",
]);

/** Platform authenticators (Windows Hello, iCloud Keychain and the like) are device-bound but not a key anyone can hand over. */
export const platformAaguids: ReadonlySet<string> = new Set([
  "08987058-cadc-4b81-b6e1-30de50dcbe96", // Windows Hello hardware
  "9ddd1817-af5a-4672-a2b9-3e3dd95000a9", // Windows Hello VBS hardware
  "6028b017-b1d4-4c02-b4b3-afcdafc96bb2", // Windows Hello software
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd", // iCloud Keychain
  "dd4ec289-e01d-41c9-bb89-70fa845d4bf2", // iCloud Keychain (managed)
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4", // Google Password Manager
]);

export interface CredentialFacts {
  aaGuid?: string | null;
  passkeyType?: string | null;
  /** The AAGUID belongs to a model procurement typed in. */
  knownModel?: boolean;
}

export function credentialKind(
  c: CredentialFacts,
  isKnownModel: (aaguid: string) => boolean = () => false,
): CredentialKind {
  const aaguid = (c.aaGuid ?? "").toLowerCase();
  const catalogued = lookupAuthenticator(aaguid)?.kind;
  if (c.passkeyType === "synced" || catalogued === "synced") return "synced";
  if (microsoftAuthenticatorAaguids.has(aaguid) || catalogued === "authenticator-app") return "authenticator";
  if (c.knownModel || (aaguid && isKnownModel(aaguid)) || catalogued === "hardware") return "hardware";
  if (catalogued === "platform") return "unknown";
  const isZero = !aaguid || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(aaguid);
  if (c.passkeyType === "deviceBound" && !isZero && !platformAaguids.has(aaguid)) return "hardware";
  return "unknown";
}
