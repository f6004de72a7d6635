import { can, type Role } from "@/server/auth/permissions";
import { shelfStatuses, withUserStatuses } from "@/server/modules/assignment/lifecycle";
import type { KeyStatusName } from "./key-statuses.constants";
import type { KeyPageAction } from "./key-page-actions.constants";

// What a key's own page offers this viewer now (issue 13), from the lifecycle table and the permission
// table: the services refuse anything else anyway, so the page never shows a button that can only fail.

export function keyActionsFor(
  key: { status: KeyStatusName; credential: { removedAt: Date | null } | null },
  roles: readonly Role[],
): KeyPageAction[] {
  const out: KeyPageAction[] = [];
  if (can(roles, "keys.assign") && withUserStatuses.includes(key.status)) out.push("check_in");
  if (can(roles, "keys.write") && shelfStatuses.includes(key.status)) out.push("transfer");
  // A key whose credential is live in Entra is retired only after a case or the offboarding queue deletes it.
  const isLive = Boolean(key.credential && !key.credential.removedAt);
  if ((can(roles, "keys.write") || can(roles, "keys.assign")) && key.status !== "retired" && !isLive)
    out.push("retire");
  return out;
}
