import type { z } from "zod";
import { authenticatorName } from "@/server/catalog";
import { AppError } from "@/server/errors";
import { credentialKind } from "@/server/modules/matching/credential-kind";
import { isOnHeldKey } from "./case-context";
import type { CasesDeps } from "./cases.deps";
import type * as s from "./cases.schemas";
import { requirementsFor } from "./requirements";
import { nextActionable } from "./step-plan";
import type { RequestContext } from "@/server/auth/actor";
import { agentsFor } from "./case-triage";

// The case list and the wizard's view of a user (keys, credentials, open cases): reads only.

export function makeCaseQueries(deps: CasesDeps) {
  const { uow, repo, policy } = deps;
  return {
    async list(
      input: z.infer<typeof s.listInput>,
      ctx: RequestContext,
    ): Promise<z.infer<typeof s.listOutput>> {
      const assigneeId =
        input.assignee === "me" ? ctx.actor.id : input.assignee === "none" ? null : input.assignee;
      const filter = {
        status: input.status,
        kind: input.kind,
        q: input.q,
        assigneeId,
        priority: input.priority,
      };
      const [rows, total, agents] = await Promise.all([
        repo.list(uow.db, filter, { skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
        repo.count(uow.db, filter),
        agentsFor(uow.db, deps, ctx),
      ]);
      const names = new Map(agents.map((a) => [a.id, a.name]));
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
          priority: c.priority,
          assigneeId: c.assigneeId,
          assigneeName: c.assigneeId ? (names.get(c.assigneeId) ?? null) : null,
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
        agents,
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
  };
}
