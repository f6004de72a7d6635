import { createDecipheriv, createHmac, hkdf, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";
import { getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { asRoles } from "./permissions";
import type { SessionLike } from "./session-actor";

// Reading the session a request carries, for pages and API calls (currentActor in index.ts): the session
// cookie decrypted, nothing more. next-auth's auth() does that too, but first runs its whole request
// handler — a fresh CSRF token (random bytes and a SHA-256), the provider list — and then encrypts a renewed
// cookie, which a server component cannot even set. That was most of the portal's session CPU under
// bench:load. A renewal would buy nothing here: the cookie's lifetime is the session's absolute lifetime,
// counted from the sign-in time in the token (staff-sessions.ts), and idle time and sign-out are in the database.

const COOKIE = "authjs.session-token";
const SECURE_COOKIE = `__Secure-${COOKIE}`;

/** The session as next-auth's session callback shapes it (config.ts uses this too). */
export function sessionFromToken(token: JWT): SessionLike & { user: { id: string } } {
  return {
    user: {
      id: String(token.sub),
      name: String(token.name ?? token.email ?? token.sub),
      email: typeof token.email === "string" ? token.email : "",
      roles: asRoles(token.roles),
    },
    sid: typeof token.sid === "string" ? token.sid : undefined,
    signedInAt: typeof token.signedInAt === "number" ? token.signedInAt : undefined,
  };
}

const silent = { error() {}, warn() {}, debug() {} };

// next-auth's decode, with the key derivation done once per secret and cookie name instead of on every
// request (an HKDF and, for the key id, a SHA-256: about a twentieth of a page's CPU under bench:load).
// The key depends on nothing but the secret, the salt (the cookie's name) and the encryption, so the same
// inputs always give the same key; the token itself is decrypted, verified and its expiry checked every time.
// Same algorithms and tolerance as @auth/core's jwt.ts (session-token.test.ts reads next-auth's own tokens).
const derive = promisify(hkdf);
const keys = new Map<string, Promise<{ key: Uint8Array; kid: string }>>();
function encryptionKey(secret: string, salt: string, enc: string) {
  const id = `${enc}\0${salt}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
    if (!length) return Promise.reject(new Error("Unsupported JWT Content Encryption Algorithm"));
    key = derive("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length).then(
      async (bits) => {
        const raw = new Uint8Array(bits);
        const kid = await calculateJwkThumbprint(
          { kty: "oct", k: base64url.encode(raw) },
          `sha${raw.byteLength << 3}` as "sha256" | "sha512",
        );
        return { key: raw, kid };
      },
    );
    keys.set(id, key);
    key.catch(() => keys.delete(id));
  }
  return key;
}

const B64URL = /^[A-Za-z0-9_-]*$/;
const CLOCK_TOLERANCE_S = 15;

/**
 * A compact JWE as next-auth writes it — `dir` key management, A256CBC-HS512, a protected header of
 * alg, enc and kid only — decrypted with node:crypto in one synchronous pass (RFC 7516 and RFC 7518
 * §5.2.2: HMAC-SHA-512 over header, IV, ciphertext and the header's bit length, its first half compared in
 * constant time, then AES-256-CBC). jose does the same through WebCrypto, where a constant-time comparison
 * is a fresh HMAC key and two more HMACs, each a promise: about 7 % of a page's CPU under bench:load.
 * Anything else — another algorithm, other header fields, a bad part — is left to jose (undefined).
 */
function fastPath(token: string): { header: Record<string, unknown>; parts: string[] } | undefined {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "" || !parts.every((p) => B64URL.test(p))) return undefined;
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (header === null || typeof header !== "object") return undefined;
  const fields = Object.keys(header);
  const known = fields.every((f) => f === "alg" || f === "enc" || f === "kid");
  if (!known || header.alg !== "dir" || header.enc !== "A256CBC-HS512") return undefined;
  if (header.kid !== undefined && typeof header.kid !== "string") return undefined;
  return { header, parts };
}

/** The plaintext, or null when the tag does not match this key (tampered, or another key). */
function decryptCbcHs512(parts: string[], key: Uint8Array): Buffer | null {
  const [protectedHeader, , ivPart, ciphertextPart, tagPart] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  const iv = Buffer.from(ivPart, "base64url");
  const ciphertext = Buffer.from(ciphertextPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  if (key.byteLength !== 64 || iv.length !== 16 || tag.length !== 32) return null;
  const aad = Buffer.from(protectedHeader, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length) * 8n);
  const mac = createHmac("sha512", key.subarray(0, 32))
    .update(aad)
    .update(iv)
    .update(ciphertext)
    .update(aadBits)
    .digest()
    .subarray(0, 32);
  if (!timingSafeEqual(mac, tag)) return null;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key.subarray(32), iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** jose's checks of a JWT's times, with the same 15 s tolerance: exp and nbf (numbers when present), iat a number. */
function validClaims(plaintext: Buffer): JWT | null {
  let claims: unknown;
  try {
    claims = JSON.parse(plaintext.toString("utf8"));
  } catch {
    return null;
  }
  if (claims === null || typeof claims !== "object" || Array.isArray(claims)) return null;
  const { exp, nbf, iat } = claims as { exp?: unknown; nbf?: unknown; iat?: unknown };
  const now = Math.floor(Date.now() / 1000);
  for (const t of [exp, nbf, iat]) if (t !== undefined && typeof t !== "number") return null;
  if (typeof exp === "number" && exp <= now - CLOCK_TOLERANCE_S) return null;
  if (typeof nbf === "number" && nbf > now + CLOCK_TOLERANCE_S) return null;
  return claims as JWT;
}

async function decode({ token, secret, salt }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const secrets = Array.isArray(secret) ? secret : [secret];
  const fast = fastPath(token);
  if (fast) {
    for (const s of secrets) {
      const derived = await encryptionKey(s, salt, "A256CBC-HS512");
      if (fast.header.kid !== undefined && fast.header.kid !== derived.kid) continue;
      const plaintext = decryptCbcHs512(fast.parts, derived.key);
      if (plaintext) return validClaims(plaintext);
    }
    return null;
  }
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const s of secrets) {
        const derived = await encryptionKey(s, salt, enc);
        if (kid === undefined || kid === derived.kid) return derived.key;
      }
      throw new Error("no matching decryption secret");
    },
    {
      clockTolerance: CLOCK_TOLERANCE_S,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
    },
  );
  return payload as JWT;
}

/**
 * The session in a request's Cookie header, or null: no cookie, not ours (another secret), tampered
 * with, or past the expiry in the token. Only the cookie counts (no bearer header). `secureOnly`: the
 * `__Secure-` cookie is the only one read (production, as next-auth then sets it); otherwise whichever
 * next-auth set, as it chooses by the URL's scheme.
 */
export async function sessionFromCookies(
  cookieHeader: string,
  { secret, secureOnly }: { secret: string; secureOnly: boolean },
): Promise<SessionLike | null> {
  const secureCookie =
    secureOnly || new RegExp(`(?:^|;\\s*)${SECURE_COOKIE}(?:\\.\\d+)?=`).test(cookieHeader);
  const token = await getToken({
    req: { headers: { cookie: cookieHeader } },
    secret,
    secureCookie,
    cookieName: secureCookie ? SECURE_COOKIE : COOKIE,
    logger: silent,
    decode,
  });
  return token?.sub ? sessionFromToken(token) : null;
}
