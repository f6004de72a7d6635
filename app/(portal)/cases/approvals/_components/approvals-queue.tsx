"use client";

import { useMutation } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { problemOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";
import { inputClass } from "@/app/_components/form-field";
import { Badge } from "@/app/_components/badge";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/format";
import type { approvalsOutput, approvalStatuses } from "@/server/modules/cases/cases.schemas";
import { approvalActionLabel, kindLabel, methodLabel, who } from "@/app/(portal)/_components/case-labels";
import { ActionError } from "@/app/_components/action-error";

type Item = z.infer<typeof approvalsOutput>[number];
type Decision = { item: Item; decision: "approve" | "reject" };

const emptyText = {
  pending: "Nothing is waiting for a second agent.",
  approved: "No approvals yet.",
  rejected: "Nothing has been rejected.",
} as const;

/** One request: the case, the user, the evidence recorded, and (for someone else) approve / reject. */
function Request({ item: a, me, onDecide }: { item: Item; me: string; onDecide: (d: Decision) => void }) {
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="approval-request">
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={`/cases/${a.case.id}`}
          className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          Case #{a.case.number} · {kindLabel[a.case.kind]} key
        </Link>
        <span className="text-slate-600">for {a.user.displayName}</span>
        {a.user.isPrivileged ? <Badge tone="warning">Privileged</Badge> : null}
        <Badge tone="info">{approvalActionLabel[a.action]}</Badge>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {a.user.userPrincipalName} · asked by {who(a.requestedById, me)} {formatDateTime(a.requestedAt)}
        {a.reason ? ` — “${a.reason}”` : ""}
      </p>
      <div className="mt-3 text-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Identity evidence</p>
        {a.evidence.length ? (
          <ul className="mt-1 space-y-0.5">
            {a.evidence.map((e, i) => (
              <li key={i}>
                {methodLabel[e.method]} (strength {e.strength}) — “{e.reference}”{" "}
                <span className="text-xs text-slate-500">
                  by {who(e.verifiedById, me)}, {formatDateTime(e.verifiedAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-amber-800">None recorded.</p>
        )}
      </div>
      {a.status === "pending" ? (
        <div className="mt-3 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
          {a.canDecide ? (
            <>
              <button
                type="button"
                onClick={() => onDecide({ item: a, decision: "approve" })}
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
              >
                Approve…
              </button>
              <button
                type="button"
                onClick={() => onDecide({ item: a, decision: "reject" })}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50"
              >
                Reject…
              </button>
            </>
          ) : (
            <p className="text-sm text-slate-500">
              You took part in this case (or it concerns you): another agent must decide.
            </p>
          )}
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          {a.status === "approved" ? "Approved" : "Rejected"} by {who(a.approverId, me)}{" "}
          {formatDateTime(a.decidedAt)}
        </p>
      )}
    </li>
  );
}

export function ApprovalsQueue({
  items,
  status,
  me,
}: {
  items: Item[];
  status: (typeof approvalStatuses)[number];
  me: string;
}) {
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const router = useRouter();
  const trpc = useTRPC();
  const decideApproval = useMutation(trpc.cases.decideApproval.mutationOptions());
  const open = (d: Decision) => {
    setReason("");
    setError(null);
    setDeciding(d);
  };
  async function decide() {
    if (!deciding) return;
    setBusy(true);
    setError(null);
    try {
      await decideApproval.mutateAsync({
        approvalId: deciding.item.id,
        decision: deciding.decision,
        reason: reason.trim() || undefined,
      });
      setDeciding(null);
      router.refresh();
    } catch (e) {
      setError(problemOf(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (!items.length)
    return (
      <div className="rounded-xl border border-slate-200 bg-white py-12">
        <EmptyState icon={Inbox} title={emptyText[status]}>
          Requests appear when an agent handles a privileged user&apos;s key, or needs a pass beyond the
          hourly cap.
        </EmptyState>
      </div>
    );
  const d = deciding;
  return (
    <>
      <ul className="space-y-3" aria-label="Approval requests">
        {items.map((a) => (
          <Request key={a.id} item={a} me={me} onDecide={open} />
        ))}
      </ul>
      <ConfirmDialog
        open={d !== null}
        tone={d?.decision === "approve" ? "danger" : "neutral"}
        isBusy={isBusy}
        onCancel={() => setDeciding(null)}
        onConfirm={() => void decide()}
        title={d ? `${d.decision === "approve" ? "Approve" : "Reject"} case #${d.item.case.number}?` : ""}
        confirmLabel={d?.decision === "approve" ? "Approve recovery" : "Reject request"}
      >
        {d?.decision === "approve" ? (
          <p>
            You confirm the evidence is enough. {who(d.item.requestedById, me)} may then delete{" "}
            {d.item.user.displayName}&apos;s credentials in Entra
            {d.item.case.kind === "stolen" ? ", revoke their sessions" : ""} and issue a Temporary Access
            Pass.
          </p>
        ) : (
          <p>Nothing happens in Entra; the agent must verify again or ask someone else.</p>
        )}
        <label className="mt-3 block font-medium text-slate-700">
          {d?.decision === "reject" ? "Why (the agent sees this)" : "Note (optional)"}
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            className={inputClass}
          />
        </label>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </>
  );
}
