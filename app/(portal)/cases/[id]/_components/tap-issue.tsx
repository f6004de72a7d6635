"use client";

import { KeySquare } from "lucide-react";
import { approverNote, hasApproved, useCase, type Step } from "./case-api";

/** The TAP step: its own permission and its own dialog, because the response is the one carrying a pass. */
export function TapIssue({ step }: { step: Step }) {
  const { view, me, can, openTapDialog } = useCase();
  if (!can.issueTap) return <p className="text-sm text-slate-500">A helpdesk agent issues the pass.</p>;
  if (hasApproved(view, me))
    return (
      <p className="text-sm text-slate-600" data-testid="approver-note">
        {approverNote}
      </p>
    );
  return (
    <>
      {step.needsDecision ? (
        <p role="alert" className="mb-2 text-sm text-amber-800">
          An earlier attempt may have created a pass in Entra that nobody saw. The only safe way on: revoke it
          and issue a new one.
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => openTapDialog(step.needsDecision)}
        className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        <KeySquare aria-hidden className="size-4" />{" "}
        {step.needsDecision ? "Revoke and issue a new pass…" : "Issue Temporary Access Pass…"}
      </button>
    </>
  );
}
