import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Actor } from "./actor";
import { currentActor } from "./index";
import { can, type Permission } from "./permissions";

/** Pages call this first: not signed in → sign-in page; no portal role → the no-access page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (actor.roles.length === 0) redirect("/no-access");
  return actor;
}

/** As requireActor, and a 403 page when the role lacks the permission. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor.roles, permission)) forbidden();
  return actor;
}
