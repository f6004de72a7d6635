import type { RequestContext } from "@/server/auth/actor";
import type { Tx, UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { Fido2Method, GraphPort } from "@/server/graph/port";
import { assertGraphConfigured } from "@/server/graph/unconfigured";
import type { AssignInput } from "@/server/modules/assignment/assignment.service";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { HandoverPass } from "@/server/modules/cases/handover-pass";
import type { EnrollmentItemRow, EnrollmentKey, EnrollmentRepository } from "./enrollment.repository";

// What both paths of the enrollment desk share (docs/ENROLLMENT.md): registering the key on the person's
// behalf (enrollment.service.ts) and handing it over with a pass (handover.ts). Loading an item, the checks
// on the person and the key, recording a refusal, handing the key over, and linking a credential to it.

export interface EnrollmentDeps {
  uow: UnitOfWork;
  repo: EnrollmentRepository;
  audit: AuditService;
  /** Never null: without a tenant its calls refuse in words (graph/unconfigured.ts). */
  graph: GraphPort;
  clock: () => Date;
  assignIn: (tx: Tx, ctx: RequestContext, input: AssignInput, now: Date) => Promise<unknown[]>;
  /** The onboarding pass (cases/handover-pass.ts); absent where no pass may be issued. */
  handoverPass?: HandoverPass;
}

const usable = ["in_stock", "reserved", "assigned"] as const;

export const modelName = (k: EnrollmentKey) => `${k.model.vendor} ${k.model.productName}`;

export type ItemStatus = EnrollmentItemRow["status"];

export function makeEnrollmentContext(deps: EnrollmentDeps) {
  const { uow, repo, audit } = deps;

  return {
    /** The port, once it is known to reach a tenant: refused in words before anything is written. */
    graphOrThrow(): GraphPort {
      assertGraphConfigured(deps.graph, "createFido2Method");
      return deps.graph;
    },

    async loadItem(itemId: string): Promise<EnrollmentItemRow> {
      const item = await repo.item(uow.db, itemId);
      if (!item) throw new AppError("NOT_FOUND", "No such enrollment.");
      return item;
    },

    async activeUser(userId: string) {
      const user = await repo.user(uow.db, userId);
      if (!user) throw new AppError("NOT_FOUND", "This person is no longer in the directory.");
      if (!user.accountEnabled || user.deletedAt)
        throw new AppError(
          "CONFLICT",
          `${user.displayName} is ${user.deletedAt ? "deleted" : "disabled"} in Entra; keys are enrolled for active accounts only. Skip this person.`,
        );
      return user;
    },

    /** The key with this serial that may go to this person: in stock, or already theirs and not yet registered. */
    async keyFor(serial: string, userId: string): Promise<EnrollmentKey> {
      const keys = await repo.keysBySerial(uow.db, serial);
      if (!keys.length)
        throw new AppError(
          "NOT_FOUND",
          `No key with serial ${serial} is in the inventory. Check the serial on the key, or receive it under Procurement first.`,
        );
      const key = keys.find(
        (k) =>
          (usable as readonly string[]).includes(k.status) &&
          (k.status === "in_stock" || k.custodianId === userId),
      );
      if (!key)
        throw new AppError(
          "CONFLICT",
          `Key ${serial} is ${keys[0]!.status.replace(/_/g, " ")}${keys[0]!.custodianId && keys[0]!.custodianId !== userId ? " and held for someone else" : ""}; take another key from stock.`,
        );
      if (key.credential && !key.credential.removedAt)
        throw new AppError(
          "CONFLICT",
          `Key ${serial} already carries a credential in Entra. A key is enrolled once; take another key from stock.`,
        );
      return key;
    },

    /** Records a refusal on the item (and in the audit trail) if it is still in one of `from`. */
    async fail(
      ctx: RequestContext,
      item: EnrollmentItemRow,
      from: ItemStatus[],
      message: string,
      after: Record<string, unknown>,
    ) {
      await uow.run(async (tx) => {
        if (await repo.moveItem(tx, item.id, from, { status: "failed", message })) {
          await audit.record(tx, ctx, {
            action: "enrollment.refused",
            subjectType: "EnrollmentItem",
            subjectId: item.id,
            after: { userId: item.userId, ...after, message },
          });
        }
      });
    },

    /** The key goes to the person (handed over now, or booked for shipping) unless it is theirs already. */
    async handOver(tx: Tx, ctx: RequestContext, item: EnrollmentItemRow, key: EnrollmentKey, now: Date) {
      if (key.status !== "in_stock" && key.status !== "reserved") return;
      const kind = (await repo.hasOpenPrimary(tx, item.userId)) ? "backup" : "primary";
      await deps.assignIn(
        tx,
        ctx,
        {
          userId: item.userId,
          keys: [{ keyId: key.id, kind }],
          handover: { method: item.handover ?? "in_person" },
        },
        now,
      );
    },

    /**
     * Stores the credential linked to the key by `matchMethod`, activates the key and marks the item enrolled
     * (from one of `how.from`, else `how.conflict`), with its audit event: in the caller's transaction.
     */
    async enroll(
      tx: Tx,
      ctx: RequestContext,
      {
        item,
        key,
        method,
        now,
      }: { item: EnrollmentItemRow; key: EnrollmentKey; method: Fido2Method; now: Date },
      how: {
        matchMethod: "enrolled" | "confirmed";
        from: ItemStatus[];
        conflict: string;
        action: string;
        before?: unknown;
        after?: Record<string, unknown>;
      },
    ) {
      const { matchMethod } = how;
      const keyId = key.id;
      const cred = await repo.linkCredential(tx, {
        userId: item.userId,
        methodId: method.id,
        aaguid: method.aaGuid ?? "",
        model: method.model ?? null,
        displayName: method.displayName ?? null,
        createdDateTime: method.createdDateTime ? new Date(method.createdDateTime) : null,
        attestationLevel: method.attestationLevel ?? null,
        passkeyType: method.passkeyType ?? null,
        keyId,
        matchMethod,
        agentId: ctx.actor.id,
        now,
      });
      await repo.activateKey(tx, keyId, now);
      const moved = await repo.moveItem(tx, item.id, how.from, {
        status: "enrolled",
        credentialId: cred.id,
        methodId: method.id,
        enrolledAt: now,
        enrolledById: ctx.actor.id,
        enrolledBy: ctx.actor.name,
        message: null,
      });
      if (!moved) throw new AppError("CONFLICT", how.conflict);
      await audit.record(tx, ctx, {
        action: how.action,
        subjectType: "SecurityKey",
        subjectId: key.id,
        before: how.before,
        after: {
          itemId: item.id,
          userId: item.userId,
          serial: key.serial,
          methodId: method.id,
          aaguid: method.aaGuid ?? null,
          matchMethod,
          ...how.after,
        },
      });
    },
  };
}

export type EnrollmentContext = ReturnType<typeof makeEnrollmentContext>;
