import { Badge, type BadgeTone } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import type { RouterOutputs } from "@/app/_lib/trpc";

export type Change = RouterOutputs["levers"]["restrictionChanges"][number];

const statusLabel = { pending: "Waiting for approval", approved: "Applied to Entra", rejected: "Rejected" };
const statusTone: Record<Change["status"], BadgeTone> = {
  pending: "warning",
  approved: "success",
  rejected: "neutral",
};

/** One key-restriction change in words: what, asked by whom, decided by whom. */
export function ChangeSummary({ change: c, models }: { change: Change; models: string }) {
  const rule = !c.isEnforced
    ? "No restriction enforced"
    : c.enforcementType === "allow"
      ? `Only these models may register: ${models || "none"}`
      : `These models are blocked: ${models || "none"}`;
  return (
    <div className="space-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{c.target.name}</span>
        <Badge tone={statusTone[c.status]}>{statusLabel[c.status]}</Badge>
      </div>
      <p className="text-slate-700">{rule}</p>
      <p className="text-slate-600">
        Asked by {c.requestedBy} on {formatDateTime(c.requestedAt)}
        {c.reason ? `: “${c.reason}”` : "."}
      </p>
      {c.decidedBy ? (
        <p className="text-slate-600">
          {c.status === "approved" ? "Approved" : "Decided"} by {c.decidedBy} on {formatDateTime(c.decidedAt)}
          {c.decisionNote ? `: “${c.decisionNote}”` : "."}
        </p>
      ) : null}
    </div>
  );
}
