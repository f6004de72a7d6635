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
}

export const roleLabel = (actor: Actor): string => (actor.roles.length ? actor.roles.join(",") : "none");
