import "server-only";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv, portalStartProblems, type Env } from "@/server/env";
import { logger } from "@/server/lib/logger";
import { isProductionDeployment } from "@/server/security/headers";
import { findPersona } from "./personas";
import { asRoles, rolesFromClaims, type Role } from "./permissions";
import { authLogger } from "./auth-logger";
import { authSecret } from "./secret";
import { sessionFromToken } from "./session-token";
import type { SessionService } from "./staff-sessions";

async function sessionService(): Promise<SessionService> {
  const { getServices } = await import("@/server/runtime");
  return (await getServices()).sessions;
}

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; roles: Role[] };
    /** The staff session's id and sign-in time (ms), checked on every actor resolution (session-actor.ts). */
    sid?: string;
    signedInAt?: number;
  }
  interface User {
    roles?: Role[];
  }
}

/** Staff sign-in: Entra ID (or any OIDC issuer) in production, demo personas when none is configured. */
function providers(env: Env): NextAuthConfig["providers"] {
  if (!env.isDemo) {
    return [
      {
        id: "oidc",
        name: env.AUTH_OIDC_NAME,
        type: "oidc",
        issuer: env.AUTH_OIDC_ISSUER,
        clientId: env.AUTH_OIDC_CLIENT_ID,
        clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
        authorization: { params: { scope: "openid profile email" } },
        checks: ["pkce", "state", "nonce"],
        // Our own profile mapping: the stock Entra provider fetches a photo from graph.microsoft.com,
        // which a stand-in issuer does not have. Portal roles come from the ID token's app roles.
        profile(claims) {
          const c = claims as Record<string, unknown>;
          return {
            id: String(c.oid ?? c.sub),
            name: String(c.name ?? c.preferred_username ?? c.email ?? c.sub),
            email:
              typeof c.email === "string"
                ? c.email
                : typeof c.preferred_username === "string"
                  ? c.preferred_username
                  : null,
            roles: rolesFromClaims(c.roles),
          };
        },
      },
    ];
  }
  // Boot refuses this configuration; should a request arrive anyway, no persona signs in.
  if (portalStartProblems(env).length) return [];
  return [
    Credentials({
      id: "demo",
      name: "Demo persona",
      credentials: { persona: { label: "Persona", type: "text" } },
      authorize(credentials) {
        const persona = findPersona(credentials?.persona);
        return persona
          ? { id: persona.id, name: persona.name, email: persona.email, roles: persona.roles }
          : null;
      },
    }),
  ];
}

export function authConfig(): NextAuthConfig {
  const env = getEnv();
  return {
    secret: authSecret(env),
    trustHost: env.isDemo || Boolean(env.AUTH_TRUST_HOST) || Boolean(env.AUTH_URL),
    // The cookie never outlives the absolute lifetime; the lifetime itself is enforced from the sign-in
    // time in the token (next-auth re-issues tokens with a fresh expiry), idle time and sign-out from
    // the database. See docs/SECURITY.md, "Sessions that end".
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_HOURS * 60 * 60 },
    // HttpOnly and SameSite=Lax always (next-auth's defaults); Secure (and the __Secure-/__Host- name
    // prefixes) in every production deployment, even one whose AUTH_URL a proxy serves over https
    // while KeyFleet itself sees http. Elsewhere next-auth decides from the URL (http in demo).
    useSecureCookies: isProductionDeployment(env) ? true : undefined,
    pages: { signIn: "/signin", error: "/signin" },
    logger: authLogger,
    providers: providers(env),
    events: {
      // Sign-ins are security events: each one goes on the audit trail.
      async signIn({ user, account }) {
        const { recordSignIn } = await import("./sign-in-audit");
        await recordSignIn({
          id: String(user.id),
          name: String(user.name ?? user.email ?? user.id),
          roles: asRoles(user.roles),
          provider: account?.provider ?? "unknown",
        });
      },
      // Sign-out ends the session on the server too: a copy of the cookie is refused from now on.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token?.sub) return;
        const actor = {
          id: String(token.sub),
          name: String(token.name ?? token.sub),
          email: typeof token.email === "string" ? token.email : null,
          roles: asRoles(token.roles),
        };
        try {
          await (await sessionService()).revoke(token, actor);
        } catch (error) {
          logger.error(
            "could not revoke the session at sign-out; it still ends at its idle timeout or lifetime",
            { actorId: actor.id, error },
          );
        }
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        const sessions = await sessionService();
        if (user) {
          // Every sign-in, OIDC included, takes the roles afresh from this sign-in's ID token
          // (profile() above) and starts a new server-side session.
          token.sub = user.id ?? token.sub;
          token.roles = user.roles ?? [];
          Object.assign(token, await sessions.start(String(token.sub)));
          return token;
        }
        // Past the absolute lifetime: no session, whatever next-auth would re-issue.
        return sessions.isWithinLifetime(token) ? token : null;
      },
      session({ session, token }) {
        const { user, sid, signedInAt } = sessionFromToken(token);
        session.user = { ...session.user, ...user };
        session.sid = sid;
        session.signedInAt = signedInAt;
        return session;
      },
    },
  };
}
