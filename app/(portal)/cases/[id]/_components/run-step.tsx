"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { inputClass } from "@/app/_components/form-field";
import { DialogButton } from "@/app/_components/dialog-button";
import { isDestructive, kindLabel, stepLabel } from "@/app/(portal)/_components/case-labels";
import { approverNote, hasApproved, useCase, type Step } from "./case-api";

const primary = "rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60";

function actionLabel(step: Step, kind: string): string {
  if (step.status === "failed") return "Retry…";
  if (step.status === "running") return "Resume…";
  if (step.status === "skipped")
    return step.kind === "reserve_replacement" ? "Reserve by hand…" : "Try again…";
  switch (step.kind) {
    case "revoke_credential":
      return "Delete credential in Entra…";
    case "revoke_sessions":
      return "Revoke sessions in Entra…";
    case "mark_key":
      return `Mark key ${kind}…`;
    case "reserve_replacement":
      return "Reserve a replacement…";
    default:
      return "Run…";
  }
}

/** The confirm button names the action (never a bare "Yes"). */
function confirmLabel(step: Step, serial: string): string {
  switch (step.kind) {
    case "revoke_credential":
      return "Delete credential in Entra";
    case "revoke_sessions":
      return "Revoke sessions in Entra";
    case "mark_key":
      return "Mark key";
    case "reserve_replacement":
      return serial.trim() ? `Reserve ${serial.trim().toUpperCase()}` : "Reserve from stock";
    default:
      return "Run step";
  }
}

/** Runs one step after the agent has read, in a confirmation, what it will do in Entra. */
export function RunStep({ step }: { step: Step }) {
  const { view, me, can, act } = useCase();
  const trpc = useTRPC();
  const runStep = useMutation(trpc.cases.runStep.mutationOptions());
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [serial, setSerial] = useState("");
  if (!can.revoke) return <p className="text-sm text-slate-500">A helpdesk agent runs this step.</p>;
  if ((step.kind === "revoke_credential" || step.kind === "revoke_sessions") && hasApproved(view, me))
    return (
      <p className="text-sm text-slate-600" data-testid="approver-note">
        {approverNote}
      </p>
    );
  const danger = isDestructive(step.kind);

  async function confirm() {
    setBusy(true);
    setError(null);
    const picked = step.kind === "reserve_replacement" && serial.trim() ? serial.trim() : undefined;
    const r = await act((version) =>
      runStep.mutateAsync({ caseId: view.id, version, stepId: step.id, serial: picked }),
    );
    setBusy(false);
    if (r.ok || r.isConflict) setOpen(false);
    else setError(r.message);
  }

  return (
    <DialogButton
      label={actionLabel(step, kindLabel[view.kind].toLowerCase())}
      buttonClassName={`${primary} ${danger ? "bg-red-600 hover:bg-red-700" : "bg-brand-600 hover:bg-brand-700"}`}
      open={open}
      setOpen={setOpen}
      error={error}
      setError={setError}
      tone={danger ? "danger" : "neutral"}
      title={`${stepLabel[step.kind]}${step.targetLabel ? ` · ${step.targetLabel}` : ""}?`}
      confirmLabel={confirmLabel(step, serial)}
      isBusy={isBusy}
      onConfirm={confirm}
    >
      <p>{step.preview}</p>
      {step.kind === "reserve_replacement" ? (
        <label className="mt-3 block font-medium text-slate-700">
          Serial of a key in stock (scan or type)
          <input
            value={serial}
            onChange={(e) => {
              setSerial(e.target.value);
              setError(null);
            }}
            maxLength={100}
            autoComplete="off"
            data-testid="reserve-serial"
            className={inputClass}
            placeholder={
              step.status === "skipped"
                ? "Required: the key you are handing over"
                : "Leave empty to pick from the user's site"
            }
          />
          <span className="mt-1 block text-xs font-normal text-slate-500">
            Any key in stock at any site. Leave it empty and KeyFleet picks one at{" "}
            {view.user.site ?? "the user's site"}.
          </span>
        </label>
      ) : null}
      {step.status === "running" ? (
        <p className="mt-2">
          An earlier attempt did not finish. Running it again is safe: what was already done in Entra is not
          done twice.
        </p>
      ) : null}
    </DialogButton>
  );
}
