import "server-only";
import NextAuth from "next-auth";
import { authConfig } from "./config";
import type { Actor } from "./actor";

// Lazy config: the environment is read on the first request, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/** The signed-in staff member, or null. */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  const { id, name, email, roles } = session.user;
  return { id, name, email: email || null, roles };
}
