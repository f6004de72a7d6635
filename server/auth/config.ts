import "server-only";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv, portalStartProblems, type Env } from "@/server/env";
import { isProductionDeployment } from "@/server/security/headers";
import { findPersona } from "./personas";
import { asRoles, rolesFromClaims, type Role } from "./permissions";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; roles: Role[] };
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
            email: typeof c.email === "string" ? c.email : typeof c.preferred_username === "string" ? c.preferred_username : null,
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
        return persona ? { id: persona.id, name: persona.name, email: persona.email, roles: persona.roles } : null;
      },
    }),
  ];
}

export function authConfig(): NextAuthConfig {
  const env = getEnv();
  return {
    secret: authSecret(env),
    trustHost: env.isDemo || Boolean(env.AUTH_TRUST_HOST) || Boolean(env.AUTH_URL),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    // HttpOnly and SameSite=Lax always (next-auth's defaults); Secure (and the __Secure-/__Host- name
    // prefixes) in every production deployment, even one whose AUTH_URL a proxy serves over https
    // while KeyFleet itself sees http. Elsewhere next-auth decides from the URL (http in demo).
    useSecureCookies: isProductionDeployment(env) ? true : undefined,
    pages: { signIn: "/signin", error: "/signin" },
    providers: providers(env),
    events: {
      // Sign-ins are security events: each one goes on the audit trail.
      async signIn({ user, account }) {
        const { recordSignIn } = await import("./sign-in-audit");
        await recordSignIn({ id: String(user.id), name: String(user.name ?? user.email ?? user.id), roles: asRoles(user.roles), provider: account?.provider ?? "unknown" });
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id ?? token.sub;
          token.roles = user.roles ?? [];
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          ...session.user,
          id: String(token.sub),
          name: String(token.name ?? token.email ?? token.sub),
          email: typeof token.email === "string" ? token.email : "",
          roles: asRoles(token.roles),
        };
        return session;
      },
    },
  };
}
