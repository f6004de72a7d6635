import type { z } from "zod";
import type { RequestContext } from "@/server/auth/actor";
import { authenticatorName } from "@/server/catalog";
import { AppError, isAppError } from "@/server/errors";
import { isStillUsable } from "@/server/modules/recovery/tap-state";
import { credentialKind } from "@/server/modules/matching/credential-kind";
import { makeApprovalFlow } from "./approval-flow";
import {
  assertNotInFlight,
  assertNotSelf,
  assertOpen,
  isOnHeldKey,
  assertRecoveryCase,
  claimCase,
  DEFAULT_STEP_LEASE_MS,
  loadCase,
  loadView,
  settleStatus,
  type CasesDeps,
} from "./case-context";
import type * as s from "./cases.schemas";
import { makeOpenCase } from "./open-case";
import { requirementsFor } from "./requirements";
import { makeStepRunner } from "./step-runner";
import { makeStrandingGuard } from "./stranding-guard";
import { nextActionable } from "./step-plan";
import { isGraphConfigured } from "@/server/graph/unconfigured";

// The helpdesk's case workflow (docs/ARCHITECTURE.md "Path 2", docs/RECOVERY.md). Graph-touching steps live in step-runner.ts,
// four eyes in approval-flow.ts, TAPs in the recovery module.

export type { CasesDeps };

export function makeCasesService(deps: CasesDeps) {
  const { uow, repo, audit, clock, policy } = deps;
  const leaseMs = deps.stepLeaseMs ?? DEFAULT_STEP_LEASE_MS;

  return {
    async list(input: z.infer<typeof s.listInput>): Promise<z.infer<typeof s.listOutput>> {
      const filter = { status: input.status, kind: input.kind, q: input.q };
      const [rows, total] = await Promise.all([
        repo.list(uow.db, filter, { skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
        repo.count(uow.db, filter),
      ]);
      return {
        items: rows.map((c) => ({
          id: c.id,
          number: c.number,
          kind: c.kind,
          status: c.status,
          userId: c.userId,
          userDisplayName: c.user.displayName,
          userPrincipalName: c.user.userPrincipalName,
          isPrivileged: c.user.isPrivileged,
          keySerials: c.keys.map((k) => k.key.serial),
          openedById: c.openedById,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
          closedAt: c.closedAt,
          nextStep:
            c.status === "closed" || c.status === "cancelled"
              ? null
              : (nextActionable(c.kind, c.steps)?.kind ?? null),
          hasPendingApproval: c.approvals.length > 0,
        })),
        total,
        page: input.page,
        pageSize: input.pageSize,
      };
    },

    async userKeys(userId: string): Promise<z.infer<typeof s.userKeysOutput>> {
      const user = await repo.user(uow.db, userId);
      if (!user) throw new AppError("NOT_FOUND", `No user with id ${userId}.`);
      const [held, creds, openCases, p] = await Promise.all([
        repo.heldKeys(uow.db, userId),
        repo.liveCredentials(uow.db, userId),
        repo.openCasesOf(uow.db, userId),
        policy(),
      ]);
      const inCases = await repo.openCasesWithCredentials(
        uow.db,
        creds.map((c) => c.id),
      );
      return {
        user: {
          id: user.id,
          displayName: user.displayName,
          userPrincipalName: user.userPrincipalName,
          department: user.department,
          site: user.site?.code ?? null,
          siteId: user.siteId,
          isPrivileged: user.isPrivileged,
          accountEnabled: user.accountEnabled,
          phoneOnRecord: user.phoneOnRecord,
        },
        keys: held.map((k) => {
          const inCase = k.caseKeys[0]?.case ?? null;
          const live = k.credential && !k.credential.removedAt ? k.credential : null;
          return {
            id: k.id,
            serial: k.serial,
            model: k.model.productName,
            status: k.status,
            version: k.version,
            kind: k.assignments[0]?.kind ?? null,
            credential: live
              ? {
                  id: live.id,
                  methodId: live.methodId,
                  displayName: live.displayName,
                  lastUsedAt: live.lastUsedAt,
                  createdDateTime: live.createdDateTime,
                }
              : null,
            openCaseNumber: inCase?.number ?? null,
            blockedReason: inCase
              ? `Already in open case #${inCase.number}.`
              : k.status === "reserved"
                ? "Reserved for this user, not handed over yet."
                : null,
          };
        }),
        credentials: creds.map((c) => {
          const onHeldKey = isOnHeldKey(c, userId);
          const inCase = inCases.find((x) => x.target === c.id)?.case ?? null;
          return {
            id: c.id,
            methodId: c.methodId,
            displayName: c.displayName,
            model: authenticatorName(c.aaguid, c.model),
            aaguid: c.aaguid,
            createdDateTime: c.createdDateTime,
            lastUsedAt: c.lastUsedAt,
            keyId: c.keyId,
            keySerial: c.key?.serial ?? null,
            kind: credentialKind({
              aaGuid: c.aaguid,
              passkeyType: c.passkeyType,
              knownModel: c.model !== null && !c.isUnknownModel,
            }),
            isPickable: !onHeldKey && !inCase,
            blockedReason: onHeldKey
              ? `On key ${c.key!.serial}: pick the key.`
              : inCase
                ? `Already in open case #${inCase.number}.`
                : null,
          };
        }),
        openCases,
        requirements: requirementsFor(p, user.isPrivileged),
      };
    },

    get: (id: string) => loadView(uow.db, deps, id),

    open: makeOpenCase(deps),

    /** Records typed evidence (method, who, when, reference) that meets the policy; never a document. */
    async verify(ctx: RequestContext, input: z.infer<typeof s.verifyInput>) {
      await uow.run(async (tx) => {
        const c = await loadCase(tx, deps, input.caseId);
        assertRecoveryCase(c);
        assertNotSelf(ctx.actor, c.user);
        await claimCase(tx, deps, c, input.version);
        const step = c.steps.find((x) => x.kind === "verify_identity");
        if (!step || step.status === "done")
          throw new AppError("CONFLICT", `Identity for case #${c.number} is already verified.`);
        const req = requirementsFor(await policy(tx), c.user.isPrivileged);
        const m = req.methods.find((x) => x.method === input.method);
        if (!m)
          throw new AppError(
            "BAD_REQUEST",
            `The verification policy does not allow ${input.method.replace(/_/g, " ")}.`,
          );
        if (!m.isSufficient) {
          const ok = req.methods
            .filter((x) => x.isSufficient)
            .map((x) => x.method.replace(/_/g, " "))
            .join(", ");
          throw new AppError(
            "PRECONDITION_FAILED",
            `${input.method.replace(/_/g, " ")} (strength ${m.strength}) is not enough here: strength ${req.requiredStrength} is required${c.user.isPrivileged ? " for a privileged user" : ""}. Use ${ok || "a stronger method"}.`,
          );
        }
        const now = clock();
        const verifiedAt = input.verifiedAt ?? now;
        if (verifiedAt.getTime() > now.getTime() + 60_000)
          throw new AppError("BAD_REQUEST", "Verification cannot be in the future.");
        const ev = await repo.addEvidence(tx, {
          caseId: c.id,
          method: input.method,
          strength: m.strength,
          verifiedById: ctx.actor.id,
          verifiedAt,
          reference: input.reference,
        });
        await repo.moveStep(tx, step.id, ["pending", "failed"], {
          status: "done",
          completedAt: now,
          actorId: ctx.actor.id,
          attempts: { increment: 1 },
          detail: { evidenceId: ev.id },
        });
        await settleStatus(tx, deps, c);
        await audit.record(tx, ctx, {
          action: "cases.verify",
          subjectType: "Case",
          subjectId: c.id,
          after: {
            evidenceId: ev.id,
            method: input.method,
            strength: m.strength,
            reference: input.reference,
            verifiedAt,
          },
        });
      });
      return loadView(uow.db, deps, input.caseId);
    },

    /**
     * An agent closes the case with a reason (e.g. the forgotten key is back, or the user left). Unless the
     * agent chose otherwise, every pass of the user still usable in Entra is revoked first: a closed case
     * must not leave a multi-use pass working for hours. A failure there closes nothing.
     */
    async close(ctx: RequestContext, input: z.infer<typeof s.closeInput>) {
      const first = await loadCase(uow.db, deps, input.caseId);
      assertOpen(first);
      assertNotInFlight(first, clock(), leaseMs);
      // Checked before Entra is touched: an agent on a stale view revokes nothing.
      if (first.version !== input.version) await claimCase(uow.db, deps, first, input.version);
      let revoked: string[] = [];
      let leftUsable: string[] = [];
      if (isGraphConfigured(deps.graph) && deps.taps && input.revokeTaps) {
        try {
          revoked = await deps.taps.revokeUsable(ctx, first.userId, first.id, `case #${first.number} closed`);
        } catch (e) {
          if (isAppError(e)) throw e;
          throw new AppError(
            "UPSTREAM",
            `Case #${first.number} is still open: KeyFleet could not revoke ${first.user.displayName}'s Temporary Access Pass in Entra. Try again in a minute, or close without revoking and revoke the pass from the user's page.`,
            { graphMessage: (e as Error).message },
            { cause: e },
          );
        }
      } else if (deps.taps) {
        // Kept on purpose: the audit event names the passes left working (from the stored read).
        leftUsable = (await deps.taps.read(first.userId)).taps
          .filter((t) => isStillUsable(t, clock()))
          .map((t) => t.id);
      }
      await uow.run(async (tx) => {
        const c = await loadCase(tx, deps, input.caseId);
        const now = clock();
        assertNotInFlight(c, now, leaseMs);
        await claimCase(tx, deps, c, input.version);
        await repo.closeIfOpen(tx, c.id, {
          closedAt: now,
          closedById: ctx.actor.id,
          outcome: "Closed by an agent",
          closeReason: input.reason,
        });
        await repo.completeCloseStep(tx, c.id, ctx.actor.id, now);
        await audit.record(tx, ctx, {
          action: "cases.close",
          subjectType: "Case",
          subjectId: c.id,
          before: { status: c.status },
          after: { status: "closed", reason: input.reason, tapsRevoked: revoked, tapsLeftUsable: leftUsable },
        });
      });
      return loadView(uow.db, deps, input.caseId);
    },

    /** After sync: closes cases whose replacement key now carries a live credential linked to it. */
    async closeRegistered(ctx: RequestContext, userId?: string): Promise<number[]> {
      const closed: number[] = [];
      for (const c of await repo.registeredReplacements(uow.db, userId)) {
        const now = clock();
        const did = await uow.run(async (tx) => {
          if (
            !(await repo.closeIfOpen(tx, c.id, {
              closedAt: now,
              closedById: ctx.actor.id,
              outcome: `Replacement ${c.replacementKey!.serial} registered in Entra`,
            }))
          )
            return false;
          await repo.completeCloseStep(tx, c.id, ctx.actor.id, now);
          await audit.record(tx, ctx, {
            action: "cases.auto_close",
            subjectType: "Case",
            subjectId: c.id,
            before: { status: c.status },
            after: {
              status: "closed",
              replacementKeyId: c.replacementKey!.id,
              credentialId: c.replacementKey!.credential!.id,
              methodId: c.replacementKey!.credential!.methodId,
            },
          });
          return true;
        });
        if (did) closed.push(c.number);
      }
      return closed;
    },

    ...makeStepRunner(deps),
    ...preflightActions(deps),
    ...makeApprovalFlow(deps),
  };
}

/** The case page's preflight and the in-person handover path (stranding-guard.ts). */
function preflightActions(deps: CasesDeps) {
  const guard = deps.preflight ? makeStrandingGuard({ ...deps, preflight: deps.preflight }) : null;
  const need = () => {
    if (!guard)
      throw new AppError(
        "PRECONDITION_FAILED",
        "No Entra tenant is connected, so what the user would be left with cannot be checked.",
      );
    return guard;
  };
  return {
    preflight: (caseId: string) => need().preflight(caseId),
    recordHandover: (ctx: RequestContext, input: { caseId: string; version: number; note: string }) =>
      need().recordHandover(ctx, input),
  };
}

export type CasesService = ReturnType<typeof makeCasesService>;
