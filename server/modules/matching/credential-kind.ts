// What kind of authenticator a FIDO2 credential in Entra is, from what Entra tells us about it. Labels
// credentials in cases and the wizard, so a personal key or a passkey in a phone is never mistaken for
// (or hidden behind) a KeyFleet key. The rules are in docs/SECURITY.md ("Recovery edges").

export type CredentialKind = "hardware" | "authenticator" | "synced" | "unknown";
export const credentialKinds = ["hardware", "authenticator", "synced", "unknown"] as const satisfies readonly CredentialKind[];

/** Microsoft Authenticator's passkey AAGUIDs (iOS and Android). */
const AUTHENTICATOR_AAGUIDS = new Set(["de1e552d-db1d-4423-a619-566b625cdc84", "90a3ccdf-635c-4729-a248-9b709135078f"]);

export function credentialKind(c: { aaGuid: string | null; passkeyType: string | null; knownModel: boolean }): CredentialKind {
  if (c.passkeyType === "synced") return "synced";
  if (c.aaGuid && AUTHENTICATOR_AAGUIDS.has(c.aaGuid.toLowerCase())) return "authenticator";
  if (c.knownModel || c.passkeyType === "deviceBound") return "hardware";
  return "unknown";
}
