import type { Role } from "./permissions";

/** Who is acting: a signed-in staff member, or the system (jobs, CLI). */
export interface Actor {
  id: string; // Entra object id (oid) or the demo persona id
  name: string;
  email: string | null;
  roles: Role[];
}

export const systemActor: Actor = { id: "system", name: "KeyFleet", email: null, roles: ["admin"] };

/** Everything a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  /**
   * Set when the system acts in a job someone started (a sync an admin ran with "Sync now" closing a
   * case): the actor is the system, this is the person. Audit events record it as `after.triggeredBy`.
   */
  triggeredBy?: { id: string; name: string } | null;
}

/** The context for what a job does: attributed to the system, naming whoever triggered the job (if anyone). */
export function asJob(ctx: RequestContext): RequestContext {
  const person =
    ctx.actor.id === systemActor.id ? (ctx.triggeredBy ?? null) : { id: ctx.actor.id, name: ctx.actor.name };
  return { actor: systemActor, requestId: ctx.requestId, triggeredBy: person };
}

export const roleLabel = (actor: Actor): string => (actor.roles.length ? actor.roles.join(",") : "none");
