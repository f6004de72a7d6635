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
export function authenticatorName(
  aaguid: string | null | undefined,
  graphModel: string | null | undefined,
): string | null {
  const e = lookupAuthenticator(aaguid);
  // "YubiKey …" already says Yubico; other products get their vendor in front ("Thales IDPrime 931 Fido").
  if (e)
    return e.product.toLowerCase().includes(e.vendor.toLowerCase()) ||
      (e.vendor === "Yubico" && /yubikey/i.test(e.product))
      ? e.product
      : `${e.vendor} ${e.product}`;
  return graphModel?.trim() || null;
}

export const KIND_LABEL: Record<AuthenticatorKind, string> = {
  hardware: "Security key",
  platform: "Built into a device",
  synced: "Synced passkey",
  "authenticator-app": "Authenticator app",
};

export type CredentialClass = AuthenticatorKind | "unknown";

/** A credential's class and display name: Entra's passkeyType says synced first; then the catalogue; else unknown with Graph's model string. */
export function describeCredential(c: {
  aaguid: string | null;
  model: string | null;
  passkeyType?: string | null;
}): { name: string | null; kind: CredentialClass } {
  const entry = lookupAuthenticator(c.aaguid);
  return {
    name: authenticatorName(c.aaguid, c.model),
    kind: c.passkeyType === "synced" ? "synced" : (entry?.kind ?? "unknown"),
  };
}

/** The label of a credential no KeyFleet key is linked to. */
export const UNLINKED_LABEL: Record<CredentialClass, string> = {
  hardware: "Security key, not linked",
  platform: "Built into a device",
  synced: "Synced passkey",
  "authenticator-app": "Authenticator app",
  unknown: "Unknown authenticator",
};

export interface CatalogProduct {
  /** The first AAGUID of the product: what a key model's catalogAaguid points at. */
  ref: string;
  vendor: string;
  product: string;
  kind: AuthenticatorKind;
  aaguids: string[];
  certification: string | null;
  userVerification: string[] | null;
  formFactor: string | null;
}

let products: CatalogProduct[] | null = null;
/** Catalogue entries grouped by vendor and product: one product line registers with several AAGUIDs (firmware generations). */
export function catalogProducts(): readonly CatalogProduct[] {
  if (products) return products;
  const groups = new Map<string, CatalogProduct>();
  for (const e of file.entries) {
    const key = `${e.vendor}\u0000${e.product}\u0000${e.kind}`;
    const g = groups.get(key);
    if (g) {
      g.aaguids.push(e.aaguid);
      g.certification ??= e.certification;
      g.userVerification ??= e.userVerification;
      g.formFactor ??= e.formFactor;
    } else
      groups.set(key, {
        ref: e.aaguid,
        vendor: e.vendor,
        product: e.product,
        kind: e.kind,
        aaguids: [e.aaguid],
        certification: e.certification,
        userVerification: e.userVerification,
        formFactor: e.formFactor,
      });
  }
  return (products = [...groups.values()]);
}
