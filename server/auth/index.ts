import "server-only";
import NextAuth from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { getEnv } from "@/server/env";
import { isProductionDeployment } from "@/server/security/headers";
import { getServices } from "@/server/runtime";
import { authConfig } from "./config";
import type { Actor } from "./actor";
import { authSecret } from "./secret";
import { actorFromSession } from "./session-actor";
import { sessionFromCookies } from "./session-token";

// Lazy config: the environment is read on the first request, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/**
 * The signed-in staff member, or null. Once per server render: the layout, the page's guard and its
 * tRPC caller all ask. The session cookie is decrypted directly (session-token.ts: not next-auth's auth(),
 * which runs its request handler and re-encrypts the cookie on every call), then checked against the
 * database: revoked (signed out), idle or unknown sessions are refused, one lookup by primary key.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const env = getEnv();
  const session = await sessionFromCookies((await headers()).get("cookie") ?? "", {
    secret: authSecret(env),
    secureOnly: isProductionDeployment(env),
  });
  if (!session) return null;
  return actorFromSession(session, (await getServices()).sessions);
});
