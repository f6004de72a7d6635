// The shape of the authenticator catalogue and the naming rules the build script uses where a source
// gives only a name (docs/CATALOG.md). Pure: the build script and the tests import it.

/**
 * hardware: a roaming security key or card; platform: built into a device and bound to it (Windows Hello,
 * a browser's own authenticator); synced: a passkey provider that copies passkeys between devices;
 * authenticator-app: a phone app holding a device-bound passkey (Microsoft Authenticator, vendor SDKs).
 */
export type AuthenticatorKind = "hardware" | "platform" | "synced" | "authenticator-app";

export interface AuthenticatorEntry {
  aaguid: string;
  vendor: string;
  product: string;
  kind: AuthenticatorKind;
  /** "FIDO L1", "FIDO L2", … from the MDS status reports; null when the sources do not say. */
  certification: string | null;
  /** MDS user-verification methods other than presence (e.g. "passcode", "fingerprint"). */
  userVerification: string[] | null;
  /** One of KeyModel's form factors when the name or the MDS says it unambiguously. */
  formFactor: string | null;
  source: string;
}

export interface CatalogFile {
  meta: { builtAt: string; sources: string[]; note: string };
  entries: AuthenticatorEntry[];
}

// Passkey providers that sync passkeys between a person's devices (password managers, platform keychains).
const SYNCED = [
  /password manager/i,
  /^1password/i,
  /^bitwarden/i,
  /^dashlane/i,
  /^enpass/i,
  /^keeper/i,
  /^lastpass/i,
  /^nordpass/i,
  /^proton pass/i,
  /icloud keychain/i,
  /^apple passwords/i,
  /^keepass/i,
  /^zoho vault/i,
  /^aliasvault/i,
  /^devolutions/i,
  /^heimlane vault/i,
  /^ipasswords/i,
  /^logmeonce/i,
  /^pwsafe/i,
  /^s[ée]same/i,
  /passkey provider/i,
  /^samsung pass/i,
];
const PLATFORM = [
  /^windows hello/i,
  / on mac$/i,
  /^chromium browser/i,
  /^android authenticator/i,
  /windows authenticator/i,
  /fido eazy - tpm/i,
];
const APP = [
  /\b(android|ios) sdk\b/i,
  /authenticator for (android|ios)/i,
  /\bfor (android|ios)\b/i,
  /\bios authenticator\b/i,
  /\bapp\b/i,
  /fido eazy - (phone|software)/i,
  /^hypr fido2 authenticator/i,
];

export function classifyByName(name: string): AuthenticatorKind {
  if (APP.some((r) => r.test(name))) return "authenticator-app";
  if (PLATFORM.some((r) => r.test(name))) return "platform";
  if (SYNCED.some((r) => r.test(name))) return "synced";
  return "hardware";
}

// Names that do not start with their maker's name.
const VENDORS: [RegExp, string][] = [
  [/yubi(key|co)/i, "Yubico"],
  [/^(idprime|safenet|etoken|thales)/i, "Thales"],
  [/titan|google/i, "Google"],
  [/crescendo/i, "HID"],
  [/windows hello|microsoft/i, "Microsoft"],
  [/icloud|apple/i, "Apple"],
  [/^(edge) on mac/i, "Microsoft"],
  [/^(chrome|chromium)/i, "Google"],
  [/^android authenticator/i, "Google"],
  [/^(id-one|idemia)/i, "IDEMIA"],
  [/^(idcore)/i, "Thales"],
  [/^hyper fido/i, "Hypersecu"],
  [/^(atkey|atlkey)/i, "AuthenTrend"],
  [/^(starsign)/i, "Giesecke+Devrient"],
  [/^(cardos|atos)/i, "Atos"],
  [/^verimark/i, "Kensington"],
];

export function vendorOfName(name: string): string {
  const known = VENDORS.find(([r]) => r.test(name));
  if (known) return known[1];
  const first = name.trim().split(/[\s(]/)[0] ?? name;
  return first.replace(/[,.:]$/, "") || name;
}

/** Only what a name (or MDS attachment hints) says without doubt; a "Series" covers several form factors. */
export function formFactorOfName(name: string, hints: string[]): string | null {
  if (/bio\b|biopass|fingerprint/i.test(name)) return "biometric";
  if (/lightning/i.test(name)) return "usb_c_lightning";
  if (/card/i.test(name)) return "other";
  if (/nano\b/i.test(name) && !/ledger/i.test(name)) return "nano";
  if (/usb-c/i.test(name)) return /nfc/i.test(name) || hints.includes("nfc") ? "usb_c_nfc" : "usb_c";
  if (/usb-a/i.test(name)) return /nfc/i.test(name) || hints.includes("nfc") ? "usb_a_nfc" : "usb_a";
  return null;
}
