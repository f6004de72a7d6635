import { createHash } from "node:crypto";
import type { RequestContext } from "@/server/auth/actor";
import { can } from "@/server/auth/permissions";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError, isAppError } from "@/server/errors";
import type { Fido2Policy } from "@/server/graph/port";
import type { Fido2PolicyPatch } from "@/server/graph/port-levers";
import { formatUtc } from "@/server/lib/date-range";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { graphRefusal } from "./graph-refusal";
import { LEGACY, policyFingerprint, restrictionTargets, type Rule } from "./restrictions";
import { targetOf, type DraftInput, type RestrictionService } from "./restrictions.service";
import { RESTRICTION_SUBJECT, type RestrictionChangeRepository } from "./restriction-changes.repository";

// Applying a key-restriction change to Entra, with four eyes (docs/SECURITY-LEAD.md): one person asks
// (levers.write), a different admin approves (settings.write), and only then KeyFleet PATCHes the FIDO2
// policy — and only if the policy is still the one the draft was made on (its fingerprint). Every request,
// approval, rejection, refusal and the change itself leave an audit event.

export interface RestrictionChangeDeps {
  uow: UnitOfWork;
  repo: RestrictionChangeRepository;
  audit: AuditService;
  restrictions: RestrictionService;
  clock: () => Date;
}

/** What a request stores: the draft, the restriction's name then, and the policy it was drafted on. */
export interface StoredDraft extends DraftInput {
  targetName: string;
  fingerprint: string;
}

export const fingerprintOf = (p: Fido2Policy) =>
  createHash("sha256").update(policyFingerprint(p)).digest("hex");

const asDraft = (v: unknown): StoredDraft => v as StoredDraft;
const ruleOf = (d: DraftInput): Rule => ({
  isEnforced: d.isEnforced,
  enforcementType: d.enforcementType,
  aaguids: [...new Set(d.aaguids.map((a) => a.toLowerCase()))].sort(),
});

/** The PATCH body: the legacy keyRestrictions, or the passkey profiles with this one's restriction replaced. */
export function patchFor(p: Fido2Policy, d: DraftInput): Fido2PolicyPatch {
  const r = ruleOf(d);
  const keyRestrictions = {
    isEnforced: r.isEnforced,
    enforcementType: r.enforcementType,
    aaGuids: r.aaguids,
  };
  if (d.targetId === LEGACY) return { keyRestrictions };
  return {
    passkeyProfiles: p.passkeyProfiles.map((x) => (x.id === d.targetId ? { ...x, keyRestrictions } : x)),
  };
}

const CHANGE = "the FIDO2 policy";
const WRITE_PERMISSION = "Policy.ReadWrite.AuthenticationMethod";

export function makeRestrictionChangeService({
  uow,
  repo,
  audit,
  restrictions,
  clock,
}: RestrictionChangeDeps) {
  const record = (ctx: RequestContext, action: string, id: string, after: unknown, before?: unknown) =>
    uow.run((tx) =>
      audit.record(tx, ctx, { action, subjectType: RESTRICTION_SUBJECT, subjectId: id, before, after }),
    );
  /** A refusal is audited (in its own transaction, so it stays) and then said in words. */
  async function refuse(ctx: RequestContext, id: string, code: "FORBIDDEN" | "CONFLICT", why: string) {
    await record(ctx, "levers.restriction.refuse", id, { reason: why });
    return new AppError(code, why);
  }
  /** A request still waiting, that this person may decide: never the one who asked (refused, audited). */
  async function decidable(ctx: RequestContext, id: string) {
    const row = await repo.byId(uow.db, id);
    if (!row) throw new AppError("NOT_FOUND", "No such key-restriction change. Reload the list.");
    if (row.status !== "pending")
      throw new AppError("CONFLICT", `This change was already ${row.status}. Reload the list.`);
    if (row.requestedById === ctx.actor.id)
      throw await refuse(
        ctx,
        row.id,
        "FORBIDDEN",
        "You asked for this change, so you cannot approve or reject it: four eyes means another admin decides it.",
      );
    return row;
  }
  /** Records the decision once (false: another admin was first) with its audit event, in one transaction. */
  const decide = (
    ctx: RequestContext,
    row: { id: string; requestedById: string },
    status: "approved" | "rejected",
    note: string | null,
  ) =>
    uow.run(async (tx) => {
      const claimed = await repo.move(tx, row.id, "pending", {
        status,
        approverId: ctx.actor.id,
        decisionNote: note,
        decidedAt: clock(),
      });
      if (!claimed)
        throw new AppError("CONFLICT", "Another admin decided this change first. Reload the list.");
      await audit.record(tx, ctx, {
        action: status === "approved" ? "levers.restriction.approve" : "levers.restriction.reject",
        subjectType: RESTRICTION_SUBJECT,
        subjectId: row.id,
        after: { requestedById: row.requestedById, note },
      });
    });

  return {
    /** Asks for a draft to be applied: stores it with the fingerprint of the policy it was made on. */
    async request(ctx: RequestContext, input: DraftInput & { reason?: string }) {
      const { policy } = await restrictions.readPolicy();
      const target = targetOf(policy, input.targetId);
      const rule = ruleOf(input);
      if (JSON.stringify(rule) === JSON.stringify(target.rule))
        throw new AppError(
          "BAD_REQUEST",
          "This draft is what Entra has already, so there is nothing to approve. Change the models or the type first.",
        );
      const draft: StoredDraft = {
        targetId: target.id,
        targetName: target.name,
        ...rule,
        fingerprint: fingerprintOf(policy),
      };
      return uow.run(async (tx) => {
        const a = await repo.create(tx, {
          requestedById: ctx.actor.id,
          reason: input.reason?.trim() || null,
          payload: { ...draft },
          requestedAt: clock(),
        });
        await audit.record(tx, ctx, {
          action: "levers.restriction.request",
          subjectType: RESTRICTION_SUBJECT,
          subjectId: a.id,
          before: target.rule,
          after: { target: target.name, ...rule, reason: input.reason?.trim() || null },
        });
        return { id: a.id };
      });
    },

    /** The requests, pending first, with who may decide each (never the person who asked). */
    async list(ctx: RequestContext) {
      const rows = await repo.list(uow.db, 100);
      const names = await repo.actorNames(
        uow.db,
        rows.map((r) => r.id),
      );
      const admin = can(ctx.actor.roles, "settings.write");
      return rows.map((r) => {
        const d = asDraft(r.payload);
        return {
          id: r.id,
          status: r.status,
          target: { id: d.targetId, name: d.targetName },
          isEnforced: d.isEnforced,
          enforcementType: d.enforcementType,
          aaguids: d.aaguids,
          reason: r.reason,
          decisionNote: r.decisionNote,
          requestedBy: names.get(r.requestedById) ?? r.requestedById,
          requestedAt: r.requestedAt,
          decidedBy: r.approverId ? (names.get(r.approverId) ?? r.approverId) : null,
          decidedAt: r.decidedAt,
          mine: r.requestedById === ctx.actor.id,
          canDecide: r.status === "pending" && admin && r.requestedById !== ctx.actor.id,
        };
      });
    },

    /** One request with its preview computed again now: who it would block if applied today. */
    async get(ctx: RequestContext, id: string) {
      const row = (await this.list(ctx)).find((r) => r.id === id);
      if (!row) throw new AppError("NOT_FOUND", "No such key-restriction change. Reload the list.");
      const draft: DraftInput = {
        targetId: row.target.id,
        isEnforced: row.isEnforced,
        enforcementType: row.enforcementType,
        aaguids: row.aaguids,
      };
      try {
        return { change: row, preview: await restrictions.preview(draft), previewProblem: null };
      } catch (e) {
        if (!isAppError(e)) throw e;
        return { change: row, preview: null, previewProblem: e.message };
      }
    },

    /** A second admin approves: the policy is read again, compared with the draft's, then PATCHed. */
    async approve(ctx: RequestContext, input: { id: string; note?: string }) {
      const row = await decidable(ctx, input.id);
      const draft = asDraft(row.payload);
      const { g, policy } = await restrictions.readPolicy();
      const target = restrictionTargets(policy).find((t) => t.id === draft.targetId);
      if (fingerprintOf(policy) !== draft.fingerprint || !target) {
        const why = `The FIDO2 policy changed in Entra after this change was drafted (${formatUtc(row.requestedAt)}), so it was not applied: its preview no longer shows what it would do. Draft it again from the policy as it is now and ask for approval again.`;
        await repo.move(uow.db, row.id, "pending", {
          status: "rejected",
          approverId: ctx.actor.id,
          decisionNote: "Not applied: the FIDO2 policy changed in Entra since the draft.",
          decidedAt: clock(),
        });
        throw await refuse(ctx, row.id, "CONFLICT", why);
      }
      await decide(ctx, row, "approved", input.note?.trim() || null);
      try {
        await g.updateFido2Policy(patchFor(policy, draft));
      } catch (e) {
        // Not applied: the request goes back to the queue, and the trail says why.
        await repo.move(uow.db, row.id, "approved", {
          status: "pending",
          approverId: null,
          decisionNote: null,
          decidedAt: null,
        });
        const refusal = graphRefusal(e, CHANGE, WRITE_PERMISSION, "change");
        await record(ctx, "levers.restriction.apply_failed", row.id, { reason: refusal.message });
        throw refusal;
      }
      await record(
        ctx,
        "levers.restriction.apply",
        row.id,
        { target: draft.targetName, ...ruleOf(draft) },
        target.rule,
      );
      return { id: row.id, status: "applied" as const };
    },

    /** A second admin turns a request down; it is never applied. */
    async reject(ctx: RequestContext, input: { id: string; note: string }) {
      const row = await decidable(ctx, input.id);
      await decide(ctx, row, "rejected", input.note.trim());
      return { id: row.id, status: "rejected" as const };
    },
  };
}

export type RestrictionChangeService = ReturnType<typeof makeRestrictionChangeService>;
