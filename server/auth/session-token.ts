import { hkdf } from "node:crypto";
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

async function decode({ token, secret, salt }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const secrets = Array.isArray(secret) ? secret : [secret];
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
      clockTolerance: 15,
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
