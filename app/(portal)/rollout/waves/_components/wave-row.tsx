"use client";

import { Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/app/_components/badge";
import { formatDate, formatNumber } from "@/app/_components/format";
import type { Wave } from "@/server/modules/rollout/rollout.schemas";
import type { FilterChoices } from "./wave-form";
import { WaveProgress } from "./wave-progress";

const phases: Record<Wave["phase"], { label: string; tone: BadgeTone }> = {
  planned: { label: "Planned", tone: "neutral" },
  registering: { label: "Registering", tone: "info" },
  past_deadline: { label: "Past deadline", tone: "warning" },
  enforced: { label: "Enforced", tone: "success" },
};

function sourceOf(w: Wave, choices: FilterChoices): string {
  if (w.source.kind === "groups") return w.source.groups.map((g) => g.name).join(", ") || "No group";
  const sites = w.source.siteId.map((id) => choices.sites.find((s) => s.id === id)?.code ?? id);
  return [...w.source.department, ...sites].join(", ") || "Nobody (empty filter)";
}

const action = "inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-slate-100";
const cell = "px-3 py-2 align-top";
/** Below md the phase, dates and members columns fold into the wave's own cell. */
const wide = `${cell} hidden md:table-cell`;

export const WAVE_HEADERS: { label: string; isWideOnly?: boolean }[] = [
  { label: "Wave" },
  { label: "Phase", isWideOnly: true },
  { label: "Dates", isWideOnly: true },
  { label: "Members", isWideOnly: true },
  { label: "Registered (target)" },
];

/**
 * One wave. Its actions sit under its name, not in a last column: at 1280 px the table no longer
 * scrolls sideways to reach them, and at 390 px they are in the one column that is always shown.
 */
export function WaveRow({
  w,
  choices,
  can,
  onEdit,
  onDelete,
}: {
  w: Wave;
  choices: FilterChoices;
  can: { write: boolean; users: boolean; assign: boolean };
  onEdit: () => void;
  onDelete: () => void;
}) {
  const phase = <Badge tone={phases[w.phase].tone}>{phases[w.phase].label}</Badge>;
  const dates = (
    <>
      <span className="block">Start {formatDate(w.startDate)}</span>
      <span className="block">Deadline {formatDate(w.registrationDeadline)}</span>
      {w.enforcementDate ? <span className="block">Enforcement {formatDate(w.enforcementDate)}</span> : null}
    </>
  );
  const members = can.users ? (
    <Link className="text-brand-700 hover:underline" href={`/users?wave=${w.id}&state=in_scope`}>
      {formatNumber(w.members)}
    </Link>
  ) : (
    formatNumber(w.members)
  );
  return (
    <tr data-testid={`wave-${w.id}`}>
      <th scope="row" className={`${cell} text-left font-normal`}>
        <span className="block font-medium text-slate-900">
          {w.name}
          {w.requiresBackupKey ? (
            <span className="ml-2">
              <Badge tone="brand">Backup key</Badge>
            </span>
          ) : null}
        </span>
        <span className="block text-xs text-slate-500">
          {w.source.kind === "groups" ? "Entra group: " : "Filter: "}
          {sourceOf(w, choices)}
          {w.addedByHand + w.removedByHand
            ? ` · by hand: ${w.addedByHand} added, ${w.removedByHand} taken out`
            : ""}
        </span>
        {w.preferredModel ? (
          <span className="block text-xs text-slate-500">Auto-assigns: {w.preferredModel.name}</span>
        ) : null}
        <span className="mt-1 block space-y-0.5 text-xs text-slate-600 md:hidden">
          <span className="block">
            {phase} · {members} members
          </span>
          {dates}
        </span>
        {can.assign || can.write ? (
          <span className="mt-1.5 flex flex-wrap gap-x-2 gap-y-1 text-xs font-medium text-brand-700">
            {can.assign ? (
              <Link href={`/users/waves?wave=${w.id}`} className={action}>
                Assign keys
              </Link>
            ) : null}
            {can.write ? (
              <>
                <Link href={`/rollout/waves/${w.id}`} className={action}>
                  People
                </Link>
                <button type="button" onClick={onEdit} aria-label={`Edit ${w.name}`} className={action}>
                  <Pencil aria-hidden className="size-3.5" /> Edit
                </button>
                <button
                  type="button"
                  onClick={onDelete}
                  aria-label={`Delete ${w.name}`}
                  className={`${action} text-red-700 hover:bg-red-50`}
                >
                  <Trash2 aria-hidden className="size-3.5" /> Delete
                </button>
              </>
            ) : null}
          </span>
        ) : null}
      </th>
      <td className={wide}>{phase}</td>
      <td className={`${wide} whitespace-nowrap text-xs text-slate-600`}>{dates}</td>
      <td className={`${wide} tabular-nums`}>{members}</td>
      <td className={cell}>
        <WaveProgress registered={w.registered} members={w.members} target={w.targetPercent} />
        <span className="text-xs text-slate-500">target {w.targetPercent}%</span>
      </td>
    </tr>
  );
}
