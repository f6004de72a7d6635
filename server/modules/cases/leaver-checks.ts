import type { GraphPort } from "@/server/graph/port";
import { orNullIfGone } from "./entra-delete";

// Before a leaver's credential is deleted, Entra is asked again: the offboarding queue comes from the last
// sync, and a user enabled again since (a mistaken leaver, a rehire) must keep their key (docs/SECURITY.md,
// "Offboarding"). What Entra said is kept in the audit event.

export interface SeenInEntra {
  at: string;
  userFound: boolean;
  accountEnabled: boolean | null;
  methodFound: boolean;
  aaGuid: string | null;
  createdDateTime: string | null;
}

export type LeaverCredential = {
  userId: string;
  methodId: string;
  aaguid: string;
  createdDateTime: Date | null;
  user: { displayName: string };
};

export async function seeInEntra(graph: GraphPort, cred: LeaverCredential, now: Date): Promise<SeenInEntra> {
  const at = now.toISOString();
  const user = await orNullIfGone(() => graph.getUser(cred.userId, { select: ["id", "accountEnabled"] }));
  const method = user ? await orNullIfGone(() => graph.getFido2Method(cred.userId, cred.methodId)) : null;
  return {
    at,
    userFound: user !== null,
    accountEnabled: user?.accountEnabled ?? null,
    methodFound: method !== null,
    aaGuid: method?.aaGuid ?? null,
    createdDateTime: method?.createdDateTime ?? null,
  };
}

/** Why the deletion must not go ahead on what Entra says now, or null. */
export function refusalOf(
  cred: LeaverCredential,
  seen: SeenInEntra,
): { code: string; message: string } | null {
  const who = cred.user.displayName;
  if (seen.userFound && seen.accountEnabled !== false) {
    return {
      code: "enabled_again",
      message: `${who} is enabled in Entra again (checked just now), so the credential was not deleted. If they have left, disable the account in Entra first; the next sync updates this queue.`,
    };
  }
  const sameKey =
    (!seen.aaGuid || seen.aaGuid.toLowerCase() === cred.aaguid.toLowerCase()) &&
    (!seen.createdDateTime ||
      !cred.createdDateTime ||
      Date.parse(seen.createdDateTime) === cred.createdDateTime.getTime());
  if (seen.methodFound && !sameKey) {
    return {
      code: "credential_changed",
      message: `The credential in Entra is no longer the one KeyFleet knows for ${who} (a different key model or registration date), so it was not deleted. Run a sync and check the queue again.`,
    };
  }
  return null;
}
