import { ACTION_LABELS, actionLabel, changeSummary } from "@/server/modules/audit/audit-changes";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { DirectoryUserReads } from "./directory.users.repository";
import type { UserPage } from "./directory.users.schemas";

// A user's history on their page, newest first: assignments, credentials, cases, passes and the audit
// events not already shown as one of those.

type TimelineItem = UserPage["timeline"][number];
const endActions = [
  "keys.return",
  "keys.retire",
  "keys.destroy",
  "keys.mark_lost",
  "keys.mark_stolen",
  "keys.mark_damaged",
] as const;

/** The helpdesk's one page about a person, and the search that finds them from anywhere. */

type Page = NonNullable<Awaited<ReturnType<DirectoryUserReads["userPage"]>>>;
type Rows<K extends "assignments" | "credentials" | "cases" | "taps"> = Page[K];

export function userTimeline({
  assignments,
  credentials,
  cases,
  taps,
  events,
  serialOf,
}: {
  assignments: Rows<"assignments">;
  credentials: Rows<"credentials">;
  cases: Rows<"cases">;
  taps: Rows<"taps">;
  /** The user's audit events and their keys'. */
  events: Awaited<ReturnType<AuditService["list"]>>["items"];
  serialOf: Map<string, string>;
}): TimelineItem[] {
  // An assignment and its keys.assign audit event are one moment: show it once, with who did it. A
  // backdated handover was recorded later than it happened: its event names the date it records.
  const recordsAt = (after: unknown, at: Date) =>
    (after as { handoverAt?: unknown } | null)?.handoverAt === at.toISOString();
  const eventAt = (actions: readonly string[], keyId: string, at: Date) =>
    events.find(
      (e) =>
        actions.includes(e.action) &&
        e.subjectId === keyId &&
        (Math.abs(e.at.getTime() - at.getTime()) < 5_000 || recordsAt(e.after, at)),
    );
  const shown = new Set<string>();
  const timeline: TimelineItem[] = [];
  for (const a of assignments) {
    const ev = eventAt(["keys.assign"], a.key.id, a.assignedAt);
    if (ev) shown.add(ev.seq);
    timeline.push({
      at: a.assignedAt,
      kind: "assignment",
      title: `${a.key.serial} assigned (${a.kind})`,
      detail: a.handover ? `handover: ${a.handover.replace("_", " ")}` : null,
      actor: ev?.actorName ?? null,
      keyId: a.key.id,
    });
    if (a.endedAt) {
      const end = eventAt(endActions, a.key.id, a.endedAt);
      if (end) shown.add(end.seq);
      timeline.push({
        at: a.endedAt,
        kind: "assignment",
        title: `${a.key.serial} assignment ended`,
        detail:
          [a.endReason, a.returnCondition && `condition: ${a.returnCondition}`].filter(Boolean).join(" · ") ||
          null,
        actor: end?.actorName ?? null,
        keyId: a.key.id,
      });
    }
  }
  for (const c of credentials) {
    const name = c.displayName ?? c.model ?? "security key";
    if (c.createdDateTime)
      timeline.push({
        at: c.createdDateTime,
        kind: "credential",
        title: `Credential registered in Entra: ${name}`,
        detail: c.key ? `linked to ${c.key.serial} (${c.matchMethod})` : "no key: personal or unknown",
        actor: null,
        keyId: c.key?.id ?? null,
      });
    if (c.removedAt)
      timeline.push({
        at: c.removedAt,
        kind: "credential",
        title: `Credential removed from Entra: ${name}`,
        detail: null,
        actor: null,
        keyId: c.key?.id ?? null,
      });
  }
  for (const c of cases) {
    timeline.push({
      at: c.createdAt,
      kind: "case",
      title: `Case #${c.number} opened (${c.kind})`,
      detail: c.ticketRef,
      actor: null,
      keyId: null,
    });
    if (c.closedAt)
      timeline.push({
        at: c.closedAt,
        kind: "case",
        title: `Case #${c.number} closed`,
        detail: c.outcome,
        actor: null,
        keyId: null,
      });
  }
  for (const t of taps) {
    timeline.push({
      at: t.createdAt,
      kind: "tap",
      title: `Temporary Access Pass issued (${t.lifetimeMinutes} min${t.isUsableOnce ? ", one-time" : ""})`,
      detail: t.reason,
      actor: null,
      keyId: null,
    });
    if (t.revokedAt)
      timeline.push({
        at: t.revokedAt,
        kind: "tap",
        title: "Temporary Access Pass revoked",
        detail: null,
        actor: null,
        keyId: null,
      });
  }
  for (const e of events) {
    if (shown.has(e.seq)) continue;
    const serial = e.subjectType === "SecurityKey" ? serialOf.get(e.subjectId) : undefined;
    const label = ACTION_LABELS[e.action] ?? actionLabel(e.action);
    timeline.push({
      at: e.at,
      kind: "audit",
      title: serial ? `${serial}: ${label}` : label,
      detail: changeSummary(e.changes)?.slice(0, 240) ?? null,
      actor: e.actorName,
      keyId: serial ? e.subjectId : null,
    });
  }
  timeline.sort((a, b) => b.at.getTime() - a.at.getTime());
  return timeline;
}
