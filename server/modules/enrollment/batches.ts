import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { toCsv } from "@/server/modules/inventory/csv";
import type { EnrollmentRepository } from "./enrollment.repository";

// Enrollment queues: who is to get a key (a wave, a site, a list of UPNs, or one person), kept in the
// database so a reload or a crash resumes where it stopped; progress; skip; the handover sheet.

export const QUEUE_LIMIT = 500;

export type QueueSource =
  | { source: "wave"; waveId: string }
  | { source: "site"; siteId: string }
  | { source: "csv"; upns: string[] }
  | { source: "single"; userId: string };

export function makeEnrollmentQueues({
  uow,
  repo,
  audit,
}: {
  uow: UnitOfWork;
  repo: EnrollmentRepository;
  audit: AuditService;
}) {
  async function resolve(
    input: QueueSource,
  ): Promise<{ name: string; ref: string | null; userIds: string[]; unknown: string[] }> {
    switch (input.source) {
      case "wave": {
        const wave = await repo.wave(uow.db, input.waveId);
        if (!wave) throw new AppError("NOT_FOUND", "No such wave.");
        return {
          name: wave.name,
          ref: wave.id,
          userIds: (await repo.waveMembers(uow.db, wave.id)).map((m) => m.userId),
          unknown: [],
        };
      }
      case "site": {
        const site = await repo.site(uow.db, input.siteId);
        if (!site) throw new AppError("NOT_FOUND", "No such site.");
        return {
          name: `Site ${site.name}`,
          ref: site.id,
          userIds: (await repo.siteUsers(uow.db, site.id, QUEUE_LIMIT + 1)).map((u) => u.id),
          unknown: [],
        };
      }
      case "csv": {
        const upns = [...new Set(input.upns.map((u) => u.trim().toLowerCase()).filter(Boolean))];
        const found = await repo.usersByUpns(uow.db, upns);
        const live = new Map(
          found
            .filter((u) => u.accountEnabled && !u.deletedAt)
            .map((u) => [u.userPrincipalName.toLowerCase(), u.id]),
        );
        return {
          name: `List of ${upns.length}`,
          ref: null,
          userIds: upns.flatMap((u) => (live.has(u) ? [live.get(u)!] : [])),
          unknown: upns.filter((u) => !live.has(u)),
        };
      }
      case "single": {
        const user = await repo.user(uow.db, input.userId);
        if (!user) throw new AppError("NOT_FOUND", "No such person.");
        return { name: user.displayName, ref: user.id, userIds: [user.id], unknown: [] };
      }
    }
  }

  return {
    async createQueue(ctx: RequestContext, input: QueueSource & { handover: "in_person" | "shipped" }) {
      const r = await resolve(input);
      if (!r.userIds.length)
        throw new AppError(
          "BAD_REQUEST",
          r.unknown.length
            ? `None of these UPNs is an active person in the directory: ${r.unknown.slice(0, 5).join(", ")}.`
            : "Nobody to enroll: the queue would be empty.",
        );
      if (r.userIds.length > QUEUE_LIMIT)
        throw new AppError("BAD_REQUEST", `A queue holds at most ${QUEUE_LIMIT} people; split the list.`);
      return uow.run(async (tx) => {
        const b = await repo.createBatch(tx, {
          name: r.name,
          source: input.source,
          sourceRef: r.ref,
          createdById: ctx.actor.id,
          createdBy: ctx.actor.name,
          userIds: r.userIds,
          handover: input.handover,
        });
        await audit.record(tx, ctx, {
          action: "enrollment.queue",
          subjectType: "EnrollmentBatch",
          subjectId: b.id,
          after: {
            name: r.name,
            source: input.source,
            people: r.userIds.length,
            unknownUpns: r.unknown.length,
          },
        });
        return { batchId: b.id, people: r.userIds.length, unknown: r.unknown };
      });
    },

    async queues() {
      const rows = await repo.batches(uow.db, 50);
      return rows.map((b) => ({
        id: b.id,
        name: b.name,
        source: b.source,
        createdBy: b.createdBy,
        createdAt: b.createdAt,
        ...progressOf(b.items),
      }));
    },

    async queue(batchId: string) {
      const b = await repo.batch(uow.db, batchId);
      if (!b) throw new AppError("NOT_FOUND", "No such enrollment queue.");
      const [users, keys] = await Promise.all([
        repo.usersByIds(uow.db, [...new Set(b.items.map((i) => i.userId))]),
        repo.keysByIds(
          uow.db,
          b.items.flatMap((i) => (i.keyId ? [i.keyId] : [])),
        ),
      ]);
      const userById = new Map(users.map((u) => [u.id, u]));
      const keyById = new Map(keys.map((k) => [k.id, k]));
      const items = b.items.map((i) => {
        const u = userById.get(i.userId);
        const k = i.keyId ? keyById.get(i.keyId) : undefined;
        return {
          id: i.id,
          position: i.position,
          status: i.status,
          userId: i.userId,
          displayName: u?.displayName ?? i.userId,
          userPrincipalName: u?.userPrincipalName ?? "",
          serial: i.serial,
          model: k ? `${k.model.vendor} ${k.model.productName}` : null,
          supportsForcedPinChange: k?.model.supportsForcedPinChange ?? false,
          handover: i.handover,
          challengeExpiresAt: i.challengeExpiresAt,
          enrolledAt: i.enrolledAt,
          enrolledBy: i.enrolledBy,
          message: i.message,
          passExpiresAt: i.passExpiresAt,
          watchUntil: i.watchUntil,
        };
      });
      return {
        id: b.id,
        name: b.name,
        source: b.source,
        createdBy: b.createdBy,
        createdAt: b.createdAt,
        items,
        ...progressOf(b.items),
      };
    },

    async skip(ctx: RequestContext, input: { itemId: string; reason?: string }) {
      return uow.run(async (tx) => {
        const item = await repo.item(tx, input.itemId);
        if (!item) throw new AppError("NOT_FOUND", "No such enrollment.");
        // A `posting` item may already be in Entra: it is finished or found, never skipped blind.
        if (
          !(await repo.moveItem(tx, item.id, ["queued", "started", "failed"], {
            status: "skipped",
            message: input.reason?.trim() || "Skipped",
          }))
        ) {
          throw new AppError(
            "CONFLICT",
            item.status === "posting"
              ? "This registration was sent to Entra; press Finish to find out whether it landed before skipping."
              : item.status === "watching" || item.status === "handed_over"
                ? "This person already has the key and a pass; end the watch instead of skipping."
                : `This person is already ${item.status}.`,
          );
        }
        await audit.record(tx, ctx, {
          action: "enrollment.skip",
          subjectType: "EnrollmentItem",
          subjectId: item.id,
          after: { userId: item.userId, reason: input.reason ?? null },
        });
        return { itemId: item.id, status: "skipped" as const };
      });
    },

    /** The handover sheet: who got which key, when and from whom. Nothing secret exists to print (no PIN, no challenge). */
    async sheetCsv(batchId: string) {
      const q = await this.queue(batchId);
      const rows = q.items
        .filter((i) => i.status === "enrolled")
        .map((i) => [
          i.displayName,
          i.userPrincipalName,
          i.serial,
          i.model,
          i.enrolledAt?.toISOString() ?? "",
          i.enrolledBy ?? "",
          i.handover === "shipped" ? "to ship" : "handed over",
          i.supportsForcedPinChange ? "yes" : "",
        ]);
      return {
        filename: `enrollment-${q.name.replace(/[^A-Za-z0-9-]+/g, "-")}.csv`,
        csv: toCsv(
          [
            "user",
            "upn",
            "serial",
            "model",
            "enrolled at",
            "enrolled by",
            "handover",
            "forced PIN change supported",
          ],
          rows,
        ),
      };
    },
  };
}

/** Done: the key is with the person (enrolled, or handed over with a pass and left for the sync to link). */
export function progressOf(items: { status: string }[]) {
  const count = (s: string) => items.filter((i) => i.status === s).length;
  const done = count("enrolled") + count("handed_over");
  return {
    total: items.length,
    done,
    failed: count("failed"),
    skipped: count("skipped"),
    pending: items.length - done - count("failed") - count("skipped"),
  };
}
