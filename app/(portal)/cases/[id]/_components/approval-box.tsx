"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { inputClass } from "@/app/_components/form-field";
import { Badge } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import type { approvalActions } from "@/server/modules/cases/cases.schemas";
import { approvalActionLabel, who } from "@/app/(portal)/_components/case-labels";
import { useCase } from "./case-api";
import { ActionError } from "@/app/_components/action-error";
import { textLink } from "@/app/_components/styles";

const tone = { pending: "warning", approved: "success", rejected: "danger" } as const;

/** The approvals of one kind on this case, newest first. */
export function ApprovalHistory({ action }: { action: (typeof approvalActions)[number] }) {
  const { view, me } = useCase();
  const list = [...view.approvals.filter((a) => a.action === action)].reverse();
  if (!list.length) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm" data-testid={`approvals-${action}`}>
      {list.map((a) => (
        <li key={a.id}>
          <Badge tone={tone[a.status]}>
            {a.status === "pending"
              ? "Waiting for a second agent"
              : a.status === "approved"
                ? "Approved"
                : "Rejected"}
          </Badge>{" "}
          <span className="text-xs text-slate-600">
            asked by {who(a.requestedById, me)} {formatDateTime(a.requestedAt)}
            {a.decidedAt ? ` · ${a.status} by ${who(a.approverId, me)} ${formatDateTime(a.decidedAt)}` : ""}
            {a.reason ? ` — “${a.reason}”` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Four eyes: ask a second agent, then wait; the decision is made in the approvals queue by someone else. */
export function ApprovalBox({
  readOnly = false,
  action = "privileged_recovery",
}: {
  readOnly?: boolean;
  action?: (typeof approvalActions)[number];
}) {
  const { view, can, act } = useCase();
  const trpc = useTRPC();
  const requestApproval = useMutation(trpc.cases.requestApproval.mutationOptions());
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const isPending = view.approvals.some((a) => a.action === action && a.status === "pending");
  if (readOnly || isPending || !can.write) {
    return (
      <>
        <ApprovalHistory action={action} />
        {isPending && !readOnly ? (
          <p className="mt-2 text-sm text-slate-600">
            Another helpdesk agent decides in the{" "}
            <Link href="/cases/approvals" className={textLink}>
              approvals queue
            </Link>
            . This page updates when they do.
          </p>
        ) : null}
      </>
    );
  }

  async function request(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await act((version) =>
      requestApproval.mutateAsync({
        caseId: view.id,
        version,
        action,
        reason: reason.trim() || undefined,
      }),
    );
    setBusy(false);
    if (!r.ok) setError(r.message);
  }

  return (
    <form onSubmit={request} aria-label="Ask a second agent">
      <ApprovalHistory action={action} />
      <label className="mt-2 block text-sm font-medium text-slate-700">
        Note for the approver (optional)
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          className={inputClass}
          placeholder="e.g. Called back on the number on record; manager confirmed"
        />
      </label>
      <ActionError error={error} className="mt-2 text-sm text-red-700" />
      <button
        type="submit"
        disabled={isBusy}
        className="mt-3 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {isBusy ? "Asking…" : `Ask a second agent to approve (${approvalActionLabel[action].toLowerCase()})`}
      </button>
    </form>
  );
}
