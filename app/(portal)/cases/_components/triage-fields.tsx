"use client";

import { useQuery } from "@tanstack/react-query";
import { inputClass } from "@/app/_components/form-field";
import { useTRPC } from "@/app/_lib/trpc";
import { casePriorities, type CasePriority } from "@/server/modules/cases/cases.schemas";

export const priorityLabel: Record<CasePriority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

/** Agents a case can go to (everyone who has worked a case, and the reader). */
export function useAgents() {
  const trpc = useTRPC();
  return useQuery(trpc.cases.agents.queryOptions()).data ?? [];
}

export function PrioritySelect({
  value,
  onChange,
}: {
  value: CasePriority;
  onChange: (p: CasePriority) => void;
}) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      Priority
      <select value={value} onChange={(e) => onChange(e.target.value as CasePriority)} className={inputClass}>
        {casePriorities.map((p) => (
          <option key={p} value={p}>
            {priorityLabel[p]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "" is "nobody for now" where `allowNone`, else "me" (the opener) is the default the server applies. */
export function AssigneeSelect({
  value,
  onChange,
  me,
  allowNone = false,
}: {
  value: string;
  onChange: (id: string) => void;
  me: string;
  allowNone?: boolean;
}) {
  const agents = useAgents();
  return (
    <label className="block text-sm font-medium text-slate-700">
      Assignee
      <select value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
        {allowNone ? <option value="">Nobody yet</option> : <option value="">Me</option>}
        {agents
          .filter((a) => allowNone || a.id !== me)
          .map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === me ? `${a.name} (me)` : a.name}
            </option>
          ))}
      </select>
    </label>
  );
}

export interface Triage {
  ticketRef: string;
  priority: CasePriority;
  /** "" = the opener. */
  assigneeId: string;
}

/** The wizard's last panel: the ticket reference, the priority and who works the case. */
export function TriageFields({
  value,
  onChange,
  me,
}: {
  value: Triage;
  onChange: (t: Triage) => void;
  me: string;
}) {
  return (
    <div className="grid max-w-2xl grid-cols-1 gap-3 sm:grid-cols-3">
      <label className="block text-sm font-medium text-slate-700">
        Ticket reference (optional)
        <input
          value={value.ticketRef}
          onChange={(e) => onChange({ ...value, ticketRef: e.target.value })}
          maxLength={100}
          placeholder="e.g. INC0012345"
          className={inputClass}
        />
      </label>
      <PrioritySelect value={value.priority} onChange={(priority) => onChange({ ...value, priority })} />
      <AssigneeSelect
        value={value.assigneeId}
        onChange={(assigneeId) => onChange({ ...value, assigneeId })}
        me={me}
      />
    </div>
  );
}
