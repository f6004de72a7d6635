import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import type { CasesDeps } from "./case-context";
import { assertNotSelf, isOnHeldKey, otherWorkingKeys } from "./case-context";
import { credentialKind } from "@/server/modules/matching/credential-kind";
import { planSteps, type RecoveryKind } from "./step-plan";
import { assertKnownAgent } from "./case-triage";
import type { CasePriority } from "./case-enums.schemas";

// Opening a case: one per user at a time, and a key in one open case only. The user's row is locked for
// the transaction, so two agents opening a case for the same caller at once get one case and one CONFLICT.

export interface OpenInput {
  userId: string;
  kind: RecoveryKind;
  keyIds: string[];
  /** Live credentials of the user that no KeyFleet key of theirs carries (personal, unmatched, passkeys). */
  credentialIds?: string[];
  ticketRef?: string;
  priority?: CasePriority;
  assigneeId?: string;
}

export function makeOpenCase(deps: CasesDeps) {
  const { uow, repo, keys, audit, clock } = deps;
  return (ctx: RequestContext, input: OpenInput) =>
    uow.run(async (tx) => {
      const user = await repo.user(tx, input.userId);
      if (!user) throw new AppError("NOT_FOUND", `No user with id ${input.userId}.`);
      assertNotSelf(ctx.actor, user);
      if (!user.accountEnabled || user.deletedAt) {
        throw new AppError(
          "CONFLICT",
          `${user.displayName} is ${user.deletedAt ? "deleted" : "disabled"} in Entra: their keys are handled by offboarding, not a recovery case.`,
        );
      }
      await repo.lockUser(tx, user.id);
      const already = (await repo.openCasesOf(tx, user.id)).find((c) => c.kind !== "offboarding");
      if (already) {
        throw new AppError(
          "CONFLICT",
          `Case #${already.number} is already open for ${user.displayName}; continue that one.`,
          { caseId: already.id, number: already.number },
        );
      }
      const keyIds = [...new Set(input.keyIds)];
      const credentialIds = [...new Set(input.credentialIds ?? [])];
      if (input.kind === "forgotten" && credentialIds.length)
        throw new AppError(
          "BAD_REQUEST",
          "A forgotten key is not revoked: pick lost, stolen or damaged to delete a credential in Entra.",
        );
      if (input.kind !== "forgotten" && !keyIds.length && !credentialIds.length)
        throw new AppError("BAD_REQUEST", "Pick the key (or keys, or credentials) this case is about.");
      const held = await repo.heldKeys(tx, user.id);
      const picked = keyIds.map((id) => {
        const k = held.find((h) => h.id === id);
        if (!k || !["assigned", "active"].includes(k.status))
          throw new AppError("BAD_REQUEST", `That key is not with ${user.displayName}.`, { keyId: id });
        return k;
      });
      const live = await repo.liveCredentials(tx, user.id);
      const pickedCreds = credentialIds.map((id) => {
        const c = live.find((x) => x.id === id);
        if (!c)
          throw new AppError(
            "BAD_REQUEST",
            `That credential is no longer live in Entra for ${user.displayName}: reload the page.`,
            { credentialId: id },
          );
        // A credential on a key the user holds is revoked through that key (and the key is marked).
        if (isOnHeldKey(c, user.id))
          throw new AppError(
            "BAD_REQUEST",
            `That credential is on key ${c.key!.serial}: pick the key instead.`,
            { credentialId: id, keyId: c.keyId },
          );
        return c;
      });
      const credTaken = await repo.openCasesWithCredentials(tx, credentialIds);
      if (credTaken.length) {
        throw new AppError(
          "CONFLICT",
          `That credential is already being revoked in open case #${credTaken[0]!.case.number}; continue that one.`,
          { caseId: credTaken[0]!.case.id, number: credTaken[0]!.case.number },
        );
      }
      const taken = await repo.openCasesWithKeys(tx, keyIds);
      if (taken.length) {
        const serial = picked.find((k) => k.id === taken[0]!.keyId)?.serial;
        throw new AppError("CONFLICT", `Key ${serial} is already in open case #${taken[0]!.case.number}.`, {
          keyId: taken[0]!.keyId,
          number: taken[0]!.case.number,
        });
      }
      // Key-level guard: bumping each key's version makes any concurrent move of it (assign, return…) by someone else fail.
      for (const k of picked) {
        if (
          !(await keys.updateKeyGuarded(tx, {
            id: k.id,
            version: k.version,
            from: [k.status],
            data: {},
            now: clock(),
          }))
        ) {
          throw new AppError(
            "CONFLICT",
            `Key ${k.serial} was changed by someone else just now. Reload and try again.`,
            { keyId: k.id },
          );
        }
      }
      const others = await otherWorkingKeys(tx, deps, user.id, keyIds, credentialIds);
      const steps = planSteps({
        kind: input.kind,
        userId: user.id,
        isPrivileged: user.isPrivileged,
        otherWorkingKeys: others.map((o) => o.serial),
        credentialIds,
        keys: picked.map((k) => ({
          id: k.id,
          credentialId: k.credential && !k.credential.removedAt ? k.credential.id : null,
        })),
      });
      if (input.assigneeId) await assertKnownAgent(tx, deps, ctx, input.assigneeId);
      const c = await repo.create(tx, {
        kind: input.kind,
        userId: user.id,
        openedById: ctx.actor.id,
        ticketRef: input.ticketRef || null,
        priority: input.priority ?? "normal",
        assigneeId: input.assigneeId ?? ctx.actor.id,
        keyIds,
        steps,
      });
      await audit.record(tx, ctx, {
        action: "cases.open",
        subjectType: "Case",
        subjectId: c.id,
        after: {
          number: c.number,
          kind: input.kind,
          userId: user.id,
          user: user.userPrincipalName,
          keys: picked.map((k) => k.serial),
          credentials: pickedCreds.map((c) => ({
            methodId: c.methodId,
            kind: credentialKind({
              aaGuid: c.aaguid,
              passkeyType: c.passkeyType,
              knownModel: c.model !== null && !c.isUnknownModel,
            }),
          })),
          ticketRef: input.ticketRef ?? null,
          priority: input.priority ?? "normal",
          assigneeId: input.assigneeId ?? ctx.actor.id,
          steps: steps.map((s) => s.kind),
        },
      });
      return c;
    });
}
