"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { useAction } from "@/app/_components/use-action";
import { api } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";

/** Approve (which applies the change to Entra) or reject, for an admin who did not ask for it. */
export function DecideChange({ id }: { id: string }) {
  const { run, isBusy, error } = useAction();
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState<"approve" | "reject" | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const decide = (what: "approve" | "reject") =>
    run(
      () =>
        what === "approve"
          ? api.levers.approveRestrictionChange.mutate({ id, note })
          : api.levers.rejectRestrictionChange.mutate({ id, note }),
      () => {
        setConfirming(null);
        setDone(
          what === "approve"
            ? "Approved and applied to the FIDO2 policy in Entra."
            : "Rejected. Nothing changed in Entra.",
        );
      },
    ).then((ok) => (ok ? undefined : setConfirming(null)));

  if (done)
    return (
      <p role="status" className="mt-3 text-sm text-emerald-800">
        {done}
      </p>
    );
  return (
    <div className="mt-4 space-y-2 border-t border-slate-100 pt-4 text-sm">
      <label className="block">
        <span className="mb-1 block font-medium text-slate-700">
          Note (the person who asked reads it; needed to reject)
        </span>
        <textarea
          className="w-full rounded-md border border-slate-300 px-2 py-1.5"
          rows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => setConfirming("approve")}
          className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
        >
          Approve and apply to Entra
        </button>
        <button
          type="button"
          onClick={() => setConfirming("reject")}
          className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50"
        >
          Reject the change
        </button>
      </div>
      <ActionError error={error} />
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === "approve" ? "Apply this change to Entra?" : "Reject this change?"}
        confirmLabel={confirming === "approve" ? "Apply to Entra" : "Reject the change"}
        tone={confirming === "approve" ? "danger" : "neutral"}
        isBusy={isBusy}
        onConfirm={() => confirming && void decide(confirming)}
        onCancel={() => setConfirming(null)}
      >
        {confirming === "approve"
          ? "KeyFleet reads the FIDO2 policy again and, if nobody changed it since the draft, changes it in Entra now. The people and keys in the preview are blocked from then on."
          : "The change is not applied. The person who asked sees your note."}
      </ConfirmDialog>
    </div>
  );
}
