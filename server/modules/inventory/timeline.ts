import { actionLabel, changeSummary, type ReadableChange } from "@/server/modules/audit/audit-changes";
import type { KeyDetail } from "./inventory.schemas";

type Item = KeyDetail["timeline"][number];

interface TimelineSource {
  key: {
    createdAt: Date;
    poLine: { purchaseOrder: { number: string } } | null;
    credential: {
      createdDateTime: Date | null;
      matchedAt: Date | null;
      matchMethod: string | null;
      displayName: string | null;
      removedAt: Date | null;
    } | null;
    assignments: {
      kind: string;
      assignedAt: Date;
      assignedById: string;
      endedAt: Date | null;
      endReason: string | null;
      user: { displayName: string };
    }[];
    caseKeys: {
      case: { number: number; kind: string; status: string; createdAt: Date; closedAt: Date | null };
    }[];
  };
  events: { at: Date; action: string; actorName: string; changes: ReadableChange[] }[];
}

/** Everything that happened to one key, newest first. */
export function buildTimeline({ key, events }: TimelineSource): Item[] {
  const items: Item[] = [];
  items.push({
    at: key.createdAt,
    kind: "received",
    title: key.poLine ? `Received on ${key.poLine.purchaseOrder.number}` : "Added to inventory",
    detail: null,
    actor: null,
  });
  for (const a of key.assignments) {
    items.push({
      at: a.assignedAt,
      kind: "assignment",
      title: `Assigned to ${a.user.displayName} (${a.kind})`,
      detail: null,
      actor: a.assignedById,
    });
    if (a.endedAt)
      items.push({
        at: a.endedAt,
        kind: "assignment",
        title: `Assignment to ${a.user.displayName} ended`,
        detail: a.endReason,
        actor: null,
      });
  }
  for (const { case: c } of key.caseKeys) {
    items.push({
      at: c.createdAt,
      kind: "case",
      title: `Case #${c.number} opened (${c.kind})`,
      detail: `status ${c.status}`,
      actor: null,
    });
    if (c.closedAt)
      items.push({
        at: c.closedAt,
        kind: "case",
        title: `Case #${c.number} closed`,
        detail: null,
        actor: null,
      });
  }
  const cred = key.credential;
  if (cred?.createdDateTime)
    items.push({
      at: cred.createdDateTime,
      kind: "credential",
      title: `Credential registered in Entra${cred.displayName ? ` (${cred.displayName})` : ""}`,
      detail: cred.matchMethod ? `matched: ${cred.matchMethod}` : null,
      actor: null,
    });
  if (cred?.removedAt)
    items.push({
      at: cred.removedAt,
      kind: "credential",
      title: "Credential removed from Entra",
      detail: null,
      actor: null,
    });
  for (const e of events) {
    items.push({
      at: e.at,
      kind: "audit",
      title: actionLabel(e.action),
      detail: changeSummary(e.changes)?.slice(0, 300) ?? null,
      actor: e.actorName,
    });
  }
  return items.sort((a, b) => b.at.getTime() - a.at.getTime());
}
