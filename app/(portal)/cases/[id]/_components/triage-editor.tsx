"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import type { CasePriority } from "@/server/modules/cases/cases.schemas";
import { AssigneeSelect, PrioritySelect, priorityLabel } from "../../_components/triage-fields";
import { useCase } from "./case-api";
import { ActionError } from "@/app/_components/action-error";
import { rowButton } from "@/app/_components/styles";
import { BusyButton } from "@/app/_components/busy-button";

/** Who works the case and how urgent it is: shown to every reader, changed by agents (audited). */
export function TriageEditor() {
  const { view: c, can, act, me } = useCase();
  const trpc = useTRPC();
  const setTriage = useMutation(trpc.cases.setTriage.mutationOptions());
  const [isEditing, setEditing] = useState(false);
  const [priority, setPriority] = useState<CasePriority>(c.priority);
  const [assigneeId, setAssigneeId] = useState(c.assignee?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const assignee = c.assignee
    ? c.assignee.id === me
      ? `${c.assignee.name} (me)`
      : c.assignee.name
    : "Nobody yet";

  if (!isEditing)
    return (
      <p className="flex flex-wrap items-center gap-2" data-testid="case-triage">
        <span>
          {priorityLabel[c.priority]} priority · {assignee}
        </span>
        {can.write && c.isOpen ? (
          <button
            type="button"
            onClick={() => {
              setPriority(c.priority);
              setAssigneeId(c.assignee?.id ?? "");
              setError(null);
              setEditing(true);
            }}
            className={rowButton}
          >
            Change…
          </button>
        ) : null}
      </p>
    );

  async function save() {
    setBusy(true);
    const r = await act((version) =>
      setTriage.mutateAsync({ caseId: c.id, version, priority, assigneeId: assigneeId || null }),
    );
    setBusy(false);
    if (r.ok) setEditing(false);
    else setError(r.message);
  }
  return (
    <div className="grid grid-cols-1 gap-2 sm:grid-cols-2" data-testid="case-triage-form">
      <PrioritySelect value={priority} onChange={setPriority} />
      <AssigneeSelect value={assigneeId} onChange={setAssigneeId} me={me} allowNone />
      <ActionError error={error} className="text-sm text-red-700 sm:col-span-2" />
      <div className="flex gap-2 sm:col-span-2">
        <BusyButton
          isBusy={isBusy}
          busyLabel="Saving…"
          onClick={save}
          className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          Save assignee and priority
        </BusyButton>
        <button
          type="button"
          onClick={() => setEditing(false)}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
