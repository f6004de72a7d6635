import { logger } from "@/server/lib/logger";
import type { Actor } from "./actor";
import type { Role } from "./permissions";
import type { SessionService } from "./staff-sessions";

export interface SessionLike {
  user: { id: string; name: string; email: string; roles: Role[] };
  sid?: string;
  signedInAt?: number;
}

/**
 * The actor of a decoded session, or null when the session is refused: past its lifetime, idle too
 * long, revoked at sign-out, or unknown to the database. Every actor resolution goes through here
 * (currentActor in server/auth/index.ts). A database error propagates: the page then says the
 * database is unavailable rather than sending the person to sign in again.
 */
export async function actorFromSession(
  session: SessionLike,
  sessions: SessionService,
): Promise<Actor | null> {
  const verdict = await sessions.verify(
    { sid: session.sid, signedInAt: session.signedInAt },
    session.user.id,
  );
  if (verdict !== "ok") {
    logger.info("session refused", { reason: verdict, actorId: session.user.id });
    return null;
  }
  const { id, name, email, roles } = session.user;
  return { id, name, email: email || null, roles };
}
