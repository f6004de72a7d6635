import { randomBytes, randomUUID } from "node:crypto";
import type { UnitOfWork } from "@/server/db/uow";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { Actor } from "./actor";
import type { StaffSessionRepository } from "./staff-sessions.repository";

// Session lifetime rules (docs/SECURITY.md, "Sessions that end"). The session token (an encrypted JWT
// cookie) carries the session id and the sign-in time; the database says whether the session was
// revoked (sign-out) and when it was last used. Why a claim of our own (`sid`) and not the JWT's `jti`:
// next-auth gives every re-encoded token a fresh jti, so it does not name the session.

export interface SessionPolicy {
  /** Absolute lifetime: refused this long after sign-in, however recently used. */
  maxMs: number;
  /** Idle timeout: refused when unused this long. */
  idleMs: number;
}

export const sessionPolicy = (env: {
  SESSION_MAX_HOURS: number;
  SESSION_IDLE_MINUTES: number;
}): SessionPolicy => ({
  maxMs: env.SESSION_MAX_HOURS * 3_600_000,
  idleMs: env.SESSION_IDLE_MINUTES * 60_000,
});

/** The session claims this module puts in the token (next to next-auth's own). */
export interface SessionClaims {
  sid?: unknown;
  /** Sign-in time, ms since the epoch. */
  signedInAt?: unknown;
  [claim: string]: unknown;
}

export type SessionVerdict = "ok" | "no-session-id" | "expired" | "unknown" | "revoked" | "idle";

export function makeSessionService({
  uow,
  repo,
  audit,
  clock,
  policy,
}: {
  uow: UnitOfWork;
  repo: StaffSessionRepository;
  audit: AuditService;
  clock: () => Date;
  policy: SessionPolicy;
}) {
  // Record use at most this often: one indexed read per request, a write only now and then.
  const touchEveryMs = Math.min(60_000, policy.idleMs / 10);

  /** Past the absolute lifetime (or no session claims at all): decided from the token alone. */
  function lifetimeVerdict(claims: SessionClaims, now: number): SessionVerdict | null {
    if (typeof claims.sid !== "string" || typeof claims.signedInAt !== "number") return "no-session-id";
    if (now >= claims.signedInAt + policy.maxMs || claims.signedInAt > now + 60_000) return "expired";
    return null;
  }

  return {
    policy,
    now: () => clock().getTime(),
    /** A new session at sign-in; sessions past their lifetime are forgotten on the way. */
    async start(staffId: string): Promise<{ sid: string; signedInAt: number }> {
      const signedInAt = clock();
      const sid = randomBytes(24).toString("base64url");
      await uow.run(async (tx) => {
        await repo.deleteSignedInBefore(tx, new Date(signedInAt.getTime() - policy.maxMs));
        await repo.create(tx, { id: sid, staffId, signedInAt });
      });
      return { sid, signedInAt: signedInAt.getTime() };
    },
    /** The token alone: refused past its absolute lifetime (next-auth re-issues tokens; this does not move). */
    isWithinLifetime: (claims: SessionClaims): boolean => lifetimeVerdict(claims, clock().getTime()) === null,
    /** Everything: lifetime, then one lookup by id (revoked? idle?), and the use recorded. */
    async verify(claims: SessionClaims, staffId: string): Promise<SessionVerdict> {
      const now = clock().getTime();
      const early = lifetimeVerdict(claims, now);
      if (early) return early;
      const sid = claims.sid as string;
      const row = await repo.find(uow.db, sid);
      if (!row || row.staffId !== staffId) return "unknown";
      if (row.revokedAt) return "revoked";
      const idleFor = now - row.lastSeenAt.getTime();
      if (idleFor >= policy.idleMs) return "idle";
      if (idleFor >= touchEveryMs) await repo.touch(uow.db, sid, new Date(now));
      return "ok";
    },
    /** Sign-out: the session is refused from now on, on every instance; on the audit trail. */
    async revoke(claims: SessionClaims, actor: Actor): Promise<boolean> {
      if (typeof claims.sid !== "string") return false;
      const sid = claims.sid;
      return uow.run(async (tx) => {
        const revoked = await repo.revoke(tx, sid, clock());
        if (revoked) {
          await audit.record(
            tx,
            { actor, requestId: randomUUID() },
            { action: "auth.signout", subjectType: "StaffUser", subjectId: actor.id },
          );
        }
        return revoked;
      });
    },
  };
}

export type SessionService = ReturnType<typeof makeSessionService>;
