import { getToken, type JWT } from "next-auth/jwt";
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
  });
  return token?.sub ? sessionFromToken(token) : null;
}
