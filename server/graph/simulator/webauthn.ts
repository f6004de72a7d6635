// Provisioning on behalf (creationOptions → authenticator → POST fido2Methods), with a virtual
// authenticator for the control API. Only what Graph checks is checked: the challenge, the format
// (packed/none), the RP id the key signed for, the policy (self-service allowed, key restrictions, attestation
// enforcement). No signature verification. Graph's exact messages for these refusals are not documented; these
// are 400 badRequest in Graph's error shape.
import { createHash, randomBytes } from "node:crypto";
import type { SimContext } from "./context";
import type { SimUser } from "./model";
import { contextUrl, graphError, type Json, type SimRequest, type SimResponse } from "./odata";
import { modelByAaGuid } from "./catalog";
import { auditCredential } from "./routes-audits";
import { activeCredentials, addCredential, issueKey, tenantNow } from "./tenant";
import { fido2Json } from "./views";

type Cbor = number | string | boolean | null | Uint8Array | Cbor[] | Map<Cbor, Cbor>;

function encodeHead(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 256) return [(major << 5) | 24, n];
  if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255];
  return [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function cborEncode(v: Cbor): Buffer {
  if (typeof v === "number") return Buffer.from(v >= 0 ? encodeHead(0, v) : encodeHead(1, -1 - v));
  if (typeof v === "string") {
    const b = Buffer.from(v, "utf8");
    return Buffer.concat([Buffer.from(encodeHead(3, b.length)), b]);
  }
  if (v instanceof Uint8Array) return Buffer.concat([Buffer.from(encodeHead(2, v.length)), Buffer.from(v)]);
  if (Array.isArray(v)) return Buffer.concat([Buffer.from(encodeHead(4, v.length)), ...v.map(cborEncode)]);
  if (v instanceof Map)
    return Buffer.concat([
      Buffer.from(encodeHead(5, v.size)),
      ...[...v].flatMap(([k, x]) => [cborEncode(k), cborEncode(x)]),
    ]);
  return Buffer.from([v === false ? 0xf4 : v === true ? 0xf5 : 0xf6]);
}

export function cborDecode(buf: Buffer): Cbor {
  let pos = 0;
  const read = (): Cbor => {
    const first = buf[pos++];
    if (first === undefined) throw new Error("truncated CBOR");
    const major = first >> 5;
    const info = first & 31;
    let n = info;
    if (info === 24) n = buf.readUInt8(pos++);
    else if (info === 25) {
      n = buf.readUInt16BE(pos);
      pos += 2;
    } else if (info === 26) {
      n = buf.readUInt32BE(pos);
      pos += 4;
    } else if (info > 26 && major !== 7) throw new Error("unsupported CBOR length");
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2: {
        const b = buf.subarray(pos, pos + n);
        pos += n;
        return new Uint8Array(b);
      }
      case 3: {
        const s = buf.toString("utf8", pos, pos + n);
        pos += n;
        return s;
      }
      case 4:
        return Array.from({ length: n }, read);
      case 5: {
        const m = new Map<Cbor, Cbor>();
        for (let i = 0; i < n; i++) {
          const k = read();
          m.set(k, read());
        }
        return m;
      }
      default:
        return info === 20 ? false : info === 21 ? true : null;
    }
  };
  return read();
}

const aaguidToBytes = (g: string) => Buffer.from(g.replace(/-/g, ""), "hex");
const bytesToAaguid = (b: Buffer) =>
  b.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

/** The virtual authenticator: what a key would answer to navigator.credentials.create. */
export function makeCredential(options: { challenge: string; rpId: string }, aaGuid: string, fmt = "none") {
  const credentialId = randomBytes(32);
  const coseKey = new Map<Cbor, Cbor>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, new Uint8Array(randomBytes(32))],
    [-3, new Uint8Array(randomBytes(32))],
  ]);
  const authData = Buffer.concat([
    createHash("sha256").update(options.rpId).digest(),
    Buffer.from([0x45]),
    Buffer.from([0, 0, 0, 0]),
    aaguidToBytes(aaGuid),
    Buffer.from([0, credentialId.length]),
    credentialId,
    cborEncode(coseKey),
  ]);
  const attestationObject = cborEncode(
    new Map<Cbor, Cbor>([
      ["fmt", fmt],
      ["attStmt", new Map()],
      ["authData", new Uint8Array(authData)],
    ]),
  );
  const clientDataJSON = Buffer.from(
    JSON.stringify({
      type: "webauthn.create",
      challenge: options.challenge,
      origin: `https://${options.rpId}`,
      crossOrigin: false,
    }),
  );
  return {
    id: credentialId.toString("base64url"),
    response: {
      clientDataJSON: clientDataJSON.toString("base64url"),
      attestationObject: attestationObject.toString("base64url"),
    },
  };
}

const bad = (message: string) => graphError(400, "badRequest", message);

export function registerFromAttestation(
  ctx: SimContext,
  req: SimRequest,
  u: SimUser,
  by: "admin" | "user" = "admin",
): SimResponse {
  const t = ctx.tenant;
  const body = (req.body ?? {}) as Json;
  const pkc = body.publicKeyCredential as Json | undefined;
  const response = pkc?.response as Json | undefined;
  if (
    !pkc ||
    typeof pkc.id !== "string" ||
    typeof response?.clientDataJSON !== "string" ||
    typeof response.attestationObject !== "string"
  ) {
    return bad("The publicKeyCredential property is required.");
  }
  if (!t.fido2Policy.isSelfServiceRegistrationAllowed || t.fido2Policy.state !== "enabled") {
    return bad(
      "The FIDO2 authentication method policy does not allow self-service setup, which provisioning requires.",
    );
  }
  let clientData: Json;
  let aaGuid: string;
  let fmt: string;
  let rpIdHash: Buffer;
  try {
    clientData = JSON.parse(Buffer.from(response.clientDataJSON, "base64url").toString("utf8")) as Json;
    const att = cborDecode(Buffer.from(response.attestationObject, "base64url"));
    if (!(att instanceof Map)) throw new Error("not a map");
    fmt = String(att.get("fmt"));
    const authData = Buffer.from(att.get("authData") as Uint8Array);
    rpIdHash = authData.subarray(0, 32);
    aaGuid = bytesToAaguid(authData.subarray(37, 53));
    aaGuid = ctx.webauthn.aaguidAliases.get(aaGuid) ?? aaGuid;
  } catch {
    return bad("The attestation object or client data could not be parsed.");
  }
  const challenge = ctx.challenges.get(String(clientData.challenge));
  if (
    clientData.type !== "webauthn.create" ||
    !challenge ||
    challenge.userIdx !== u.idx ||
    challenge.expiresAt < tenantNow(t)
  ) {
    return bad("The challenge is invalid or has expired. Request new creation options.");
  }
  const rpId = ctx.webauthn.rpId;
  let originHost = "";
  try {
    originHost = new URL(String(clientData.origin)).hostname;
  } catch {
    // an unparsable origin is refused below
  }
  if (
    !rpIdHash.equals(createHash("sha256").update(rpId).digest()) ||
    (originHost !== rpId && !originHost.endsWith(`.${rpId}`))
  ) {
    return bad(`The credential was not created for the relying party '${rpId}'.`);
  }
  if (fmt !== "packed" && fmt !== "none") return bad(`Attestation format '${fmt}' is not supported.`);
  const profile = t.fido2Policy.passkeyProfiles.find((p) => p.id === t.fido2Policy.defaultPasskeyProfile);
  if (
    fmt === "none" &&
    (t.fido2Policy.isAttestationEnforced || (profile && profile.attestationEnforcement !== "disabled"))
  ) {
    return bad(
      "The FIDO2 authentication method policy enforces attestation and the authenticator provided none.",
    );
  }
  const restrictions = [t.fido2Policy.keyRestrictions, ...(profile ? [profile.keyRestrictions] : [])];
  for (const r of restrictions) {
    if (!r.isEnforced) continue;
    const listed = r.aaGuids.map((a) => a.toLowerCase()).includes(aaGuid);
    if ((r.enforcementType === "allow" && !listed) || (r.enforcementType === "block" && listed)) {
      return bad(
        `The authenticator with AAGUID ${aaGuid} is not allowed by the FIDO2 key restrictions policy.`,
      );
    }
  }
  if (activeCredentials(t, u.idx).some((c) => c.id === pkc.id))
    return graphError(409, "conflict", "This credential is already registered.");
  ctx.challenges.delete(String(clientData.challenge));
  const model = modelByAaGuid.get(aaGuid) ?? {
    aaGuid,
    model: "",
    vendor: "Unknown" as never,
    kind: "hardware" as const,
    weight: 0,
  };
  const now = tenantNow(t);
  const pending = ctx.pendingSerials.get(pkc.id);
  ctx.pendingSerials.delete(pkc.id);
  const key = pending ? issueKey(t, u, model, now, false, pending.serial) : null;
  const credential = addCredential(
    t,
    u,
    model,
    "hardware",
    now,
    key ? key.idx : null,
    typeof body.displayName === "string" ? body.displayName : undefined,
  );
  credential.id = pkc.id;
  if (key) key.credentialId = credential.id;
  credential.attestationLevel = fmt === "packed" ? "attested" : "notAttested";
  auditCredential(t, "registered", by, credential, now);
  return {
    status: 201,
    body: {
      "@odata.context": contextUrl(req, "users/authentication/fido2Methods/$entity"),
      ...fido2Json(credential, req.version === "beta"),
    },
  };
}
