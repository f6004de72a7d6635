"use client";

import { useState } from "react";
import { api } from "@/app/(portal)/procurement/_components/api";
import { inputClass } from "@/app/(portal)/procurement/_components/form-field";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { closeInput } from "@/server/modules/cases/cases.schemas";
import { useCase } from "./case-api";

/** An agent may close a case at any time, with a reason (it otherwise closes itself when sync links the new key). */
export function CloseCase() {
  const { view, can, act } = useCase();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  if (!view.isOpen || !can.write) return null;

  async function confirm() {
    const parsed = closeInput.safeParse({ caseId: view.id, version: view.version, reason });
    if (!parsed.success) return setError("Say why the case is closed (at least 3 characters).");
    setBusy(true);
    const r = await act((version) => api.cases.close.mutate({ ...parsed.data, version }));
    setBusy(false);
    if (r.ok || r.isConflict) setOpen(false);
    else setError(r.message);
  }

  const pending = view.steps.filter((s) => s.kind !== "close" && (s.status === "pending" || s.status === "failed"));
  return (
    <>
      <button type="button" onClick={() => { setError(null); setOpen(true); }} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-50">Close case…</button>
      <ConfirmDialog open={open} tone="neutral" title={`Close case #${view.number}?`} confirmLabel="Close case" isBusy={isBusy} onCancel={() => setOpen(false)} onConfirm={confirm}>
        <p>Closing changes nothing in Entra.{pending.length ? ` ${pending.length} step${pending.length === 1 ? " has" : "s have"} not run and will not run.` : ""}{view.kind === "forgotten" ? " Close it when the key is back with the user." : ""}</p>
        <label className="mt-3 block font-medium text-slate-700">Reason
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} className={inputClass} placeholder="e.g. Key found and back with the user" />
        </label>
        {error ? <p role="alert" className="mt-2 text-red-700">{error}</p> : null}
      </ConfirmDialog>
    </>
  );
}
