"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { inputClass } from "@/app/_components/form-field";
import { DialogButton } from "@/app/_components/dialog-button";
import { panelButton } from "@/app/_components/styles";
import { formatDateTime } from "@/app/_components/format";
import { closeInput } from "@/server/modules/cases/cases.schemas";
import { useCase } from "./case-api";

/** An agent may close a case at any time, with a reason (it otherwise closes itself when sync links the new key). */
export function CloseCase() {
  const { view, can, act } = useCase();
  const trpc = useTRPC();
  const closeCase = useMutation(trpc.cases.close.mutationOptions());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [revokeTaps, setRevokeTaps] = useState(true);
  if (!view.isOpen || !can.write) return null;
  const usable = view.tapState.taps.filter((t) => t.isUsableNow);
  const willRevoke = usable.length > 0 && revokeTaps;

  async function confirm() {
    const parsed = closeInput.safeParse({
      caseId: view.id,
      version: view.version,
      reason,
      revokeTaps: usable.length > 0 ? revokeTaps : true,
    });
    if (!parsed.success) return setError("Say why the case is closed (at least 3 characters).");
    setBusy(true);
    const r = await act((version) => closeCase.mutateAsync({ ...parsed.data, version }));
    setBusy(false);
    if (r.ok || r.isConflict) setOpen(false);
    else setError(r.message);
  }

  const pending = view.steps.filter(
    (s) => s.kind !== "close" && (s.status === "pending" || s.status === "failed"),
  );
  return (
    <DialogButton
      label="Close case…"
      buttonClassName={panelButton}
      open={open}
      setOpen={setOpen}
      error={error}
      setError={setError}
      tone={willRevoke ? "danger" : "neutral"}
      title={`Close case #${view.number}?`}
      confirmLabel={willRevoke ? "Revoke pass and close case" : "Close case"}
      isBusy={isBusy}
      onConfirm={confirm}
    >
      {usable.length ? (
        <div
          className="mb-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900"
          data-testid="close-usable-tap"
        >
          <p>
            {view.user.displayName} still has a usable Temporary Access Pass
            {usable[0]!.expiresAt
              ? ` (until ${formatDateTime(usable[0]!.expiresAt)}${usable[0]!.isUsableOnce ? ", one-time" : ", any number of sign-ins"})`
              : ""}
            .
          </p>
          <label className="mt-2 flex items-start gap-2 font-medium">
            <input
              type="checkbox"
              checked={revokeTaps}
              onChange={(e) => setRevokeTaps(e.target.checked)}
              className="mt-0.5"
            />
            Revoke it in Entra when the case closes (recommended)
          </label>
        </div>
      ) : null}
      <p>
        {willRevoke
          ? "Closing deletes the pass in Entra: it stops working at once."
          : usable.length
            ? "Closing changes nothing in Entra: the pass keeps working until it expires."
            : "Closing checks Entra again and revokes any pass of the user that is still usable; nothing else changes in Entra."}
        {pending.length
          ? ` ${pending.length} step${pending.length === 1 ? " has" : "s have"} not run and will not run.`
          : ""}
        {view.kind === "forgotten" ? " Close it when the key is back with the user." : ""}
      </p>
      <label className="mt-3 block font-medium text-slate-700">
        Reason
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={500}
          className={inputClass}
          placeholder="e.g. Key found and back with the user"
        />
      </label>
    </DialogButton>
  );
}
