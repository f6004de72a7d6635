import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import { moveKey, type AssignmentDeps, type KeyRef } from "./move-key";
import { assertGraphConfigured } from "@/server/graph/unconfigured";

// Leavers: disabled or deleted users with keys to collect and credentials to delete. Deleting a
// credential is one confirmed action that reaches Entra exactly once: the row is claimed (removedAt set)
// before Graph is called, so a second agent or a double click finds it taken and never sends a second DELETE.
// Before that, the user and the credential are read again from Entra: the queue comes from the last sync,
// and a user enabled again since (a mistaken leaver, a rehire) must keep their key (docs/SECURITY.md,
// "Offboarding").

/** What Entra said about the leaver and the credential just before the deletion (kept in the audit event). */
export interface SeenInEntra {
  at: string;
  userFound: boolean;
  accountEnabled: boolean | null;
  methodFound: boolean;
  aaGuid: string | null;
  createdDateTime: string | null;
}

type LeaverCredential = {
  userId: string;
  methodId: string;
  aaguid: string;
  createdDateTime: Date | null;
  user: { displayName: string };
};

const orNullIfGone = async <T>(read: () => Promise<T>): Promise<T | null> => {
  try {
    return await read();
  } catch (e) {
    if (isGraphError(e) && e.kind === "not_found") return null;
    throw e;
  }
};

async function seeInEntra(graph: GraphPort, cred: LeaverCredential, now: Date): Promise<SeenInEntra> {
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
function refusalOf(cred: LeaverCredential, seen: SeenInEntra): { code: string; message: string } | null {
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

export function makeOffboarding(deps: AssignmentDeps) {
  const { uow, repo, audit, graph, clock } = deps;
  return {
    async offboardingQueue() {
      const rows = await repo.leavers(uow.db, 500);
      return rows.map((u) => ({
        userId: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        department: u.department,
        site: u.site?.code ?? null,
        state: u.deletedAt ? ("deleted" as const) : ("disabled" as const),
        since: u.deletedAt ?? u.updatedAt,
        caseNumbers: u.cases.map((c) => c.number),
        keys: u.keys.map((k) => ({
          id: k.id,
          serial: k.serial,
          status: k.status,
          version: k.version,
          model: k.model.productName,
        })),
        credentials: u.credentials.map((c) => ({
          id: c.id,
          methodId: c.methodId,
          displayName: c.displayName,
          model: c.model,
          createdDateTime: c.createdDateTime,
          keySerial: c.key?.serial ?? null,
        })),
      }));
    },

    async deleteLeaverCredential(ctx: RequestContext, input: { credentialId: string }) {
      // Without a tenant nothing here can go ahead: say so before anything about the credential.
      assertGraphConfigured(graph, "deleteFido2Method");
      const cred = await repo.credential(uow.db, input.credentialId);
      if (!cred) throw new AppError("NOT_FOUND", "No such credential.");
      if (cred.user.accountEnabled && !cred.user.deletedAt) {
        throw new AppError(
          "PRECONDITION_FAILED",
          `${cred.user.displayName} is still enabled in Entra; open a case to revoke an active user's key.`,
        );
      }
      if (cred.removedAt)
        throw new AppError(
          "CONFLICT",
          "This credential has already been deleted (or another agent is deleting it).",
          { credentialId: cred.id },
        );
      // The queue is the local copy of the directory, up to a sync interval old: ask Entra again now.
      const seen = await seeInEntra(graph, cred, clock());
      const refusal = refusalOf(cred, seen);
      if (refusal) {
        await uow.run((tx) =>
          audit.record(tx, ctx, {
            action: "offboarding.credential.skip",
            subjectType: "EntraCredential",
            subjectId: cred.id,
            after: { userId: cred.userId, methodId: cred.methodId, reason: refusal.code, seen },
          }),
        );
        throw new AppError("PRECONDITION_FAILED", refusal.message, {
          credentialId: cred.id,
          reason: refusal.code,
        });
      }
      const claimedAt = clock();
      if (!(await repo.claimCredentialRemoval(uow.db, cred.id, claimedAt))) {
        throw new AppError(
          "CONFLICT",
          "This credential has already been deleted (or another agent is deleting it).",
          { credentialId: cred.id },
        );
      }
      // Gone from Entra already (the user left and was deleted, or the method was removed): nothing to DELETE.
      let alreadyGone = !seen.userFound || !seen.methodFound;
      if (!alreadyGone) {
        try {
          await graph.deleteFido2Method(cred.userId, cred.methodId);
        } catch (e) {
          // Gone already (the user removed it, or Entra purged a deleted user): the outcome we wanted.
          if (isGraphError(e) && e.kind === "not_found") alreadyGone = true;
          else {
            await repo.unclaimCredentialRemoval(uow.db, cred.id, claimedAt);
            // A GraphError already names the missing permission or the throttling; pass it through as is.
            throw isGraphError(e)
              ? e
              : new AppError(
                  "UPSTREAM",
                  `Entra did not delete the credential: ${e instanceof Error ? e.message : String(e)}`,
                  undefined,
                  { cause: e },
                );
          }
        }
      }
      return uow.run(async (tx) => {
        const now = clock();
        await repo.completeCaseSteps(
          tx,
          cred.userId,
          "revoke_credential",
          cred.id,
          ctx.actor.id,
          now,
          cred.methodId,
        );
        await audit.record(tx, ctx, {
          action: "offboarding.credential.delete",
          subjectType: "EntraCredential",
          subjectId: cred.id,
          before: { removedAt: null, keyId: cred.keyId },
          after: { removedAt: claimedAt, userId: cred.userId, methodId: cred.methodId, alreadyGone, seen },
        });
        const closedCases = await repo.closeFinishedOffboarding(tx, cred.userId, ctx.actor.id, now);
        return { credentialId: cred.id, alreadyGone, closedCases };
      });
    },

    /** The leaver's key is back: returned, and (wiped) into stock unless it is to be retired. */
    collectKey: (ctx: RequestContext, input: KeyRef & { condition: string; isWiped: boolean }) =>
      uow.run(async (tx) => {
        const now = clock();
        const k = await moveKey(deps, tx, ctx, input, "return", now, {
          data: { custodianId: null },
          action: "keys.return",
          after: { condition: input.condition, reason: "offboarding" },
        });
        await repo.endAssignment(tx, k.id, {
          endedAt: now,
          endReason: "offboarding",
          returnCondition: input.condition,
        });
        if (input.isWiped)
          await moveKey(deps, tx, ctx, { keyId: k.id }, "wipe", now, {
            action: "keys.wipe",
            after: { fidoReset: true },
          });
        if (k.custodianId) {
          await repo.completeCaseSteps(tx, k.custodianId, "mark_key", k.id, ctx.actor.id, now);
          await repo.closeFinishedOffboarding(tx, k.custodianId, ctx.actor.id, now);
        }
        return { keyId: k.id, status: input.isWiped ? ("in_stock" as const) : ("returned" as const) };
      }),
  };
}
