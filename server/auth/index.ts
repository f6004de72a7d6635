import "server-only";
import NextAuth from "next-auth";
import { cache } from "react";
import { getServices } from "@/server/runtime";
import { authConfig } from "./config";
import type { Actor } from "./actor";
import { actorFromSession } from "./session-actor";

// Lazy config: the environment is read on the first request, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/**
 * The signed-in staff member, or null. Once per server render: the layout, the page's guard and its
 * tRPC caller all ask, and each auth() decrypts the session cookie and encrypts a renewed one
 * (JWE: key derivation, AES and HMAC): 15 % of the portal's CPU under bench:load before this.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  // Revoked (signed out), idle or unknown sessions are refused here: one lookup by primary key.
  return actorFromSession(session, (await getServices()).sessions);
});
