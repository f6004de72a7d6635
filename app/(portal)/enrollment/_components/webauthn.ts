"use client";

import type { WebauthnCreationOptions } from "@/server/graph/port";

// The browser half of the ceremony: Graph's creation options (base64url strings) → navigator.credentials.create()
// → the JSON Graph's POST takes. The PIN is asked for by the browser or the OS and never reaches this code.

type Options = Pick<WebauthnCreationOptions, "publicKey">;

const fromB64url = (s: string): ArrayBuffer => {
  const b64 = s
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(s.length / 4) * 4, "=");
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
};

const toB64url = (buf: ArrayBuffer): string => {
  const bytes = new Uint8Array(buf);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

/**
 * Graph names its own RP id (login.microsoftonline.com), which a page on the portal's address may not claim.
 * Chrome and Edge let an origin that the WebAuthenticationRemoteDesktopAllowedOrigins enterprise policy lists
 * act for another RP through the remoteDesktopClientOverride extension; without the policy they refuse
 * (NotAllowedError). docs/ENROLLMENT.md says what a station needs.
 */
function isForeignRp(rpId: string | undefined): boolean {
  if (!rpId) return false;
  const host = window.location.hostname;
  return host !== rpId && !host.endsWith(`.${rpId}`);
}

/**
 * Graph asks for credProtect "userVerificationOptional" *enforced*. Chromium refuses that combination for a
 * discoverable credential (NotSupportedError: "Requested protection policy is inconsistent…"). Level 1 is
 * what a key does with no credProtect at all, so enforcing it adds nothing: the flag is dropped for that
 * level only (docs/ENROLLMENT.md).
 */
function browserExtensions(ext: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!ext || ext.credentialProtectionPolicy !== "userVerificationOptional") return ext ?? {};
  const { enforceCredentialProtectionPolicy: _dropped, ...rest } = ext;
  return rest;
}

export interface KeyAnswer {
  id: string;
  response: { clientDataJSON: string; attestationObject: string };
  clientExtensionResults: Record<string, unknown>;
}

/** Asks the key (through the browser) for a credential; `signal` aborts it when the challenge runs out. */
export async function createCredential(options: Options, signal: AbortSignal): Promise<KeyAnswer> {
  if (typeof window === "undefined" || !window.PublicKeyCredential)
    throw new Error("This browser cannot talk to security keys (no WebAuthn). Use a current Chrome or Edge.");
  const pk = options.publicKey;
  const publicKey: PublicKeyCredentialCreationOptions = {
    rp: { id: pk.rp.id, name: pk.rp.name ?? "Microsoft" },
    user: { id: fromB64url(pk.user.id), name: pk.user.name ?? "", displayName: pk.user.displayName ?? "" },
    challenge: fromB64url(pk.challenge),
    pubKeyCredParams: pk.pubKeyCredParams.map((p) => ({ type: "public-key" as const, alg: p.alg })),
    timeout: pk.timeout,
    excludeCredentials: (pk.excludeCredentials ?? []).map((c) => ({
      type: "public-key" as const,
      id: fromB64url(c.id),
      transports: c.transports as AuthenticatorTransport[] | undefined,
    })),
    authenticatorSelection: pk.authenticatorSelection as AuthenticatorSelectionCriteria | undefined,
    attestation: (pk.attestation ?? "direct") as AttestationConveyancePreference,
    extensions: {
      ...browserExtensions(pk.extensions),
      ...(isForeignRp(pk.rp.id)
        ? { remoteDesktopClientOverride: { origin: `https://${pk.rp.id}`, sameOriginWithAncestors: true } }
        : {}),
    } as AuthenticationExtensionsClientInputs,
  };
  let cred: Credential | null;
  try {
    cred = await navigator.credentials.create({ publicKey, signal });
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === "AbortError")
      throw new Error("The 5 minutes for this key ran out; fresh options are being fetched.");
    if (name === "InvalidStateError")
      throw new Error(
        "This key already holds a credential for this person in Entra. Use another key, or delete the old credential first.",
      );
    if (name === "SecurityError")
      throw new Error(
        `This browser will not create a credential for ${pk.rp.id ?? "Entra"} from this page: a plain browser on the portal's address cannot register keys for Entra. See docs/ENROLLMENT.md for what the enrollment station needs.`,
      );
    if (name === "NotAllowedError" && isForeignRp(pk.rp.id))
      throw new Error(
        `This browser may not register keys for ${pk.rp.id} from this page. The enrollment station's Chrome or Edge needs the WebAuthenticationRemoteDesktopAllowedOrigins policy naming ${window.location.origin} (docs/ENROLLMENT.md); if it has it, the key was not touched in time: try again.`,
      );
    if (name === "NotAllowedError")
      throw new Error(
        "The key was not touched in time, or the prompt was cancelled. Insert the key and try again.",
      );
    if (name === "NotSupportedError")
      throw new Error(
        "This browser or key cannot meet Entra's options for the key (a protection level or algorithm it does not support). Try a current Chrome or Edge, or a key of another model.",
      );
    throw new Error("The browser could not talk to the key. Re-insert it and try again.");
  }
  if (!cred) throw new Error("The browser returned no credential. Try again.");
  const pkc = cred as PublicKeyCredential;
  const response = pkc.response as AuthenticatorAttestationResponse;
  return {
    id: toB64url(pkc.rawId),
    response: {
      clientDataJSON: toB64url(response.clientDataJSON),
      attestationObject: toB64url(response.attestationObject),
    },
    clientExtensionResults: { ...pkc.getClientExtensionResults() } as Record<string, unknown>,
  };
}
