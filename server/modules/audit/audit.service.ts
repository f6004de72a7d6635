import type { RequestContext } from "@/server/auth/actor";
import { auditActionName } from "./action-names.constants";
import { roleLabel } from "@/server/auth/actor";
import type { Tx, UnitOfWork } from "@/server/db/uow";
import {
  compareCheckpoints,
  type ChainHead,
  type Checkpoint,
  type CheckpointVerdict,
} from "./audit.checkpoint";
import { toJsonValue } from "@/server/lib/canonical-json";
import { makeChainVerifier, type ChainVerdict } from "./audit.chain";
import type { AuditEventRow, AuditFilter, AuditRepository } from "./audit.repository";
import { AUDIT_EXPORT_LIMIT, auditFile } from "./audit.export";
import { readableChanges, REFERENCE_FIELDS } from "./audit-changes";
import type { SubjectRef } from "./audit-names.repository";
import { describeSubject, subjectKind } from "./audit-subjects";

export interface AuditChange {
  action: string; // "<domain>.<verb>", e.g. "keys.assign"
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** A job's event names the person who started the job beside the system actor (actor.ts asJob). */
function withTriggeredBy(after: unknown, triggeredBy: { id: string; name: string }) {
  if (after === undefined || after === null) return { triggeredBy };
  if (typeof after === "object" && !Array.isArray(after))
    return { ...(after as Record<string, unknown>), triggeredBy };
  return { value: after, triggeredBy };
}

/** Every record a page of events names: its subjects and the ids its before/after refer to. */
function referencesOf(rows: AuditEventRow[]): SubjectRef[] {
  const refs: SubjectRef[] = [];
  for (const r of rows) {
    refs.push({ subjectType: r.subjectType, ids: [r.subjectId] });
    for (const side of [r.before, r.after]) {
      if (!side || typeof side !== "object" || Array.isArray(side)) continue;
      for (const [field, value] of Object.entries(side)) {
        if (REFERENCE_FIELDS[field] && typeof value === "string")
          refs.push({ subjectType: REFERENCE_FIELDS[field], ids: [value] });
      }
    }
  }
  return refs;
}

export function makeAuditService({ uow, repo }: { uow: UnitOfWork; repo: AuditRepository }) {
  /** Events as pages show them: subjects by name with a link, changes in words. One read for all names. */
  async function readable(rows: AuditEventRow[]) {
    const names = rows.length ? await repo.subjectNames(uow.db, referencesOf(rows)) : new Map();
    return rows.map((r) => {
      const subject = describeSubject(
        r.subjectType,
        r.subjectId,
        names.get(`${r.subjectType}:${r.subjectId}`),
      );
      return {
        ...r,
        seq: r.seq.toString(),
        actionName: auditActionName(r.action),
        subjectKind: subjectKind(r.subjectType),
        subjectName: subject.name,
        subjectHref: subject.href,
        changes: readableChanges(
          r.before,
          r.after,
          (field, id) => names.get(`${REFERENCE_FIELDS[field]}:${id}`)?.name,
        ),
      };
    });
  }

  // The newest event each open transaction appended; told to listeners once it commits (checkpoints).
  const appended = new WeakMap<Tx, { head: ChainHead; events: number }>();
  const committedListeners = new Set<(head: ChainHead, events: number) => void>();
  uow.afterCommit?.((tx) => {
    const done = appended.get(tx);
    if (!done) return;
    appended.delete(tx);
    for (const listener of committedListeners) listener(done.head, done.events);
  });

  /** Records a change inside the caller's transaction, so the change and its event commit together. */
  async function record(tx: Tx, ctx: RequestContext, change: AuditChange) {
    const after = ctx.triggeredBy ? withTriggeredBy(change.after, ctx.triggeredBy) : change.after;
    const row = await repo.append(tx, {
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      role: roleLabel(ctx.actor),
      action: change.action,
      subjectType: change.subjectType,
      subjectId: change.subjectId,
      before: change.before === undefined ? null : toJsonValue(change.before),
      after: after === undefined ? null : toJsonValue(after),
      requestId: ctx.requestId,
    });
    appended.set(tx, {
      head: { seq: row.seq, hash: row.hash },
      events: (appended.get(tx)?.events ?? 0) + 1,
    });
    return row;
  }

  /** The names of the actor and subject a filter names, for the filter's label. */
  async function appliedNames(filter: AuditFilter) {
    const [actor, subjects] = await Promise.all([
      filter.actorId ? repo.actorName(uow.db, filter.actorId) : null,
      filter.subjectType && filter.subjectId
        ? repo.subjectNames(uow.db, [{ subjectType: filter.subjectType, ids: [filter.subjectId] }])
        : null,
    ]);
    const subject =
      filter.subjectType && filter.subjectId
        ? describeSubject(
            filter.subjectType,
            filter.subjectId,
            subjects?.get(`${filter.subjectType}:${filter.subjectId}`),
          )
        : null;
    return { actor, subject: subject?.name ?? null };
  }

  return {
    record,

    /** `listener(head, events)` after each committed transaction that appended events. */
    onCommitted(listener: (head: ChainHead, events: number) => void): () => void {
      committedListeners.add(listener);
      return () => committedListeners.delete(listener);
    },

    head: () => repo.head(uow.db),

    /** Checks the trail against heads logged earlier: none may be missing, or differ. */
    async verifyCheckpoints(checkpoints: Checkpoint[]): Promise<CheckpointVerdict> {
      const seqs = [...new Set(checkpoints.map((c) => c.seq))];
      const hashes = new Map<bigint, string>();
      // A year of logs holds ~100 000 checkpoints: looked up in batches, under the bind-parameter limit.
      for (let i = 0; i < seqs.length; i += 5000) {
        for (const [seq, hash] of await repo.hashesAt(uow.db, seqs.slice(i, i + 5000))) hashes.set(seq, hash);
      }
      return compareCheckpoints(checkpoints, await repo.head(uow.db), hashes);
    },

    async list(filter: AuditFilter, page: { cursor?: string; pageSize: number }) {
      const cursor = page.cursor ? BigInt(page.cursor) : undefined;
      const [rows, total] = await Promise.all([
        repo.list(uow.db, filter, { cursor, take: page.pageSize + 1 }),
        repo.count(uow.db, filter),
      ]);
      const items = await readable(rows.slice(0, page.pageSize));
      const nextCursor = rows.length > page.pageSize ? items[items.length - 1]?.seq : undefined;
      return { items, total, nextCursor, applied: await appliedNames(filter) };
    },

    /** Actors by name for the filter's picker: who has acted, not every staff account. */
    async pickActors(q: string) {
      const rows = await repo.searchActors(uow.db, q, 10);
      return rows.map((r) => ({ id: r.actorId, name: r.actorName, role: r.role }));
    },

    /** Subjects by name (people, keys, orders, cases, waves, batches) for the filter's picker. */
    async pickSubjects(q: string) {
      return (await repo.searchSubjects(uow.db, q, 5)).map((h) => ({
        ...h,
        kind: subjectKind(h.subjectType),
      }));
    },

    /** The newest events about any of these subjects (a page's timeline), in one round trip. */
    async recentAbout(subjects: { subjectType: string; subjectIds: string[] }[], take: number) {
      return readable(await repo.recentAbout(uow.db, subjects, take));
    },

    actions: () => repo.distinctActions(uow.db),

    /**
     * The filtered trail as a CSV or JSON file, newest first, up to AUDIT_EXPORT_LIMIT events. Taking
     * a copy of the trail is itself recorded (who, which filter, how many events), in the same trail.
     */
    async exportTrail(ctx: RequestContext, filter: AuditFilter, format: "csv" | "json") {
      const events: AuditEventRow[] = [];
      let cursor: bigint | undefined;
      while (events.length <= AUDIT_EXPORT_LIMIT) {
        const page = await repo.list(uow.db, filter, { cursor, take: 2000 });
        events.push(...page);
        if (page.length < 2000) break;
        cursor = page[page.length - 1]!.seq;
      }
      const file = auditFile(format, events, new Date());
      await uow.run((tx) =>
        record(tx, ctx, {
          action: "audit.export",
          subjectType: "AuditTrail",
          subjectId: "trail",
          after: { format, filter: toJsonValue(filter), rows: file.rows, isTruncated: file.isTruncated },
        }),
      );
      return file;
    },

    async verify(): Promise<ChainVerdict> {
      const verifier = makeChainVerifier();
      for await (const e of repo.inOrder(uow.db)) {
        const broken = verifier.push(e);
        if (broken) return broken;
      }
      return verifier.result();
    },
  };
}

export type AuditService = ReturnType<typeof makeAuditService>;
