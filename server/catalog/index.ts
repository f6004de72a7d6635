// KeyFleet's built-in catalogue of FIDO2 authenticators by AAGUID (authenticators.json, built by
// scripts/build-authenticator-catalog.ts; sources and rebuild in docs/CATALOG.md). It classifies a
// credential with nothing typed in: procurement's key models add what the organisation buys.
import data from "./authenticators.json";
import type { AuthenticatorEntry, AuthenticatorKind, CatalogFile } from "./classify";

export type { AuthenticatorEntry, AuthenticatorKind } from "./classify";

const file = data as CatalogFile;
const byAaguid = new Map(file.entries.map((e) => [e.aaguid, e]));

export const catalogMeta = file.meta;

/** The catalogue entry of an AAGUID (in any letter case), or null when unknown. */
export function lookupAuthenticator(aaguid: string | null | undefined): AuthenticatorEntry | null {
  if (!aaguid) return null;
  return byAaguid.get(aaguid.trim().toLowerCase()) ?? null;
}

export function listAuthenticators(): readonly AuthenticatorEntry[] {
  return file.entries;
}

const ofKind = new Map<AuthenticatorKind, string[]>();
/** Lowercase AAGUIDs of one kind, for SQL conditions (a credential's aaguid is stored lowercase). */
export function aaguidsOfKind(...kinds: AuthenticatorKind[]): string[] {
  return kinds.flatMap((k) => {
    let list = ofKind.get(k);
    if (!list) ofKind.set(k, (list = file.entries.filter((e) => e.kind === k).map((e) => e.aaguid)));
    return list;
  });
}

/** What a person reads for a credential: the catalogue's vendor and product, else Graph's own model string. */
export function authenticatorName(aaguid: string | null | undefined, graphModel: string | null | undefined): string | null {
  const e = lookupAuthenticator(aaguid);
  if (e) return e.product.toLowerCase().includes(e.vendor.toLowerCase()) ? e.product : `${e.vendor} ${e.product}`;
  return graphModel?.trim() || null;
}

export const KIND_LABEL: Record<AuthenticatorKind, string> = {
  hardware: "Security key",
  platform: "Built into a device",
  synced: "Synced passkey",
  "authenticator-app": "Authenticator app",
};
