"use client";

import Link from "next/link";
import { useState } from "react";
import { api } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";
import { BusyButton } from "@/app/_components/busy-button";
import { useAction } from "@/app/_components/use-action";

interface Draft {
  targetId: string;
  isEnforced: boolean;
  enforcementType: "allow" | "block";
  aaguids: string[];
}

/** Asks for the previewed draft to be applied: another admin approves it, and only then Entra changes. */
export function RequestChange({ draft }: { draft: Draft }) {
  const [reason, setReason] = useState("");
  const { run, isBusy, error } = useAction({ refresh: false });
  const [asked, setAsked] = useState<string | null>(null);
  const ask = () =>
    run(
      () => api.levers.requestRestrictionChange.mutate({ ...draft, reason }),
      (r) => setAsked(r.id),
    );

  if (asked)
    return (
      <p
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
      >
        Asked. An admin other than you approves it before Entra changes:{" "}
        <Link className="font-medium underline" href={`/rollout/key-restrictions/${asked}`}>
          see the request
        </Link>
        .
      </p>
    );
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 p-4 text-sm">
      <h3 className="font-semibold text-slate-900">Ask for this change to be applied</h3>
      <p className="text-slate-600">
        A second admin reads this preview again and approves it; KeyFleet then changes the FIDO2 policy in
        Entra, unless someone changed the policy there meanwhile.
      </p>
      <label className="block">
        <span className="mb-1 block font-medium text-slate-700">Why (optional, the approver reads it)</span>
        <textarea
          className="w-full rounded-md border border-slate-300 px-2 py-1.5"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="flex items-center gap-3">
        <BusyButton isBusy={isBusy} busyLabel="Asking…" onClick={ask}>
          Ask for approval
        </BusyButton>
        <ActionError error={error} />
      </div>
    </div>
  );
}
