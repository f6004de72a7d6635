import type { CaseRow } from "./cases.repository";

// Who did what on a case, for the case page: opened, recorded the evidence, asked for and decided each
// approval, ran each step, closed. Four eyes is only checkable by a reader if every role has a name
// beside it (docs/SECURITY.md, "Four eyes").

export interface ActivityEntry {
  what: string;
  actorId: string;
  /** The name the actor had when they acted (from the case's audit events); null if unknown. */
  actorName: string | null;
  at: Date | null;
}

const stepWords: Record<string, string> = {
  revoke_credential: "deleted a credential in Entra",
  revoke_sessions: "revoked sign-in sessions",
  mark_key: "marked the key",
  reserve_replacement: "reserved a replacement",
  issue_tap: "issued a Temporary Access Pass",
  close: "closed the case",
};
const actionWords: Record<string, string> = {
  privileged_recovery: "privileged recovery",
  tap_over_cap: "TAP over the hourly cap",
};
const methodWords: Record<string, string> = {
  callback: "callback",
  manager_confirmation: "manager confirmation",
  video_id: "video call with ID",
  in_person: "in person",
};

export function caseActivity(c: CaseRow, names: ReadonlyMap<string, string>): ActivityEntry[] {
  const out: ActivityEntry[] = [];
  const add = (what: string, actorId: string | null | undefined, at: Date | null) => {
    if (actorId) out.push({ what, actorId, actorName: names.get(actorId) ?? null, at });
  };
  add("opened the case", c.openedById, c.createdAt);
  for (const v of c.verifications)
    add(
      `recorded the identity evidence (${methodWords[v.method] ?? v.method})`,
      v.verifiedById,
      v.verifiedAt,
    );
  for (const a of c.approvals) {
    add(`asked for approval: ${actionWords[a.action] ?? a.action}`, a.requestedById, a.requestedAt);
    if (a.status !== "pending")
      add(`${a.status} the ${actionWords[a.action] ?? a.action}`, a.approverId, a.decidedAt);
  }
  for (const s of c.steps) {
    if (
      s.kind === "verify_identity" ||
      s.kind === "approve" ||
      s.kind === "close" ||
      s.status === "pending" ||
      s.status === "skipped"
    )
      continue;
    const words = stepWords[s.kind] ?? s.kind;
    add(
      s.status === "done" ? words : `${s.status === "running" ? "is running" : "failed"}: ${words}`,
      s.actorId,
      s.completedAt ?? s.startedAt,
    );
  }
  if (c.closedAt) add("closed the case", c.closedById, c.closedAt);
  return out.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
}
