"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil, Plus, Rocket, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Badge, type BadgeTone } from "@/app/_components/badge";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDate, formatNumber } from "@/app/_components/format";
import { useAction } from "@/app/_components/use-action";
import type { Wave } from "@/server/modules/rollout/rollout.schemas";
import { WaveForm, type FilterChoices } from "./wave-form";
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

export function WavesTable({
  waves,
  choices,
  canWrite,
  canUsers,
  canAssign,
}: {
  waves: Wave[];
  choices: FilterChoices;
  canWrite: boolean;
  canUsers: boolean;
  canAssign: boolean;
}) {
  const [editing, setEditing] = useState<Wave | "new" | null>(null);
  const [deleting, setDeleting] = useState<Wave | null>(null);
  const del = useAction();
  const trpc = useTRPC();
  const deleteWave = useMutation(trpc.rollout.deleteWave.mutationOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const newButton = canWrite ? (
    <button
      type="button"
      onClick={() => setEditing("new")}
      className="inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
    >
      <Plus aria-hidden className="size-4" /> New wave
    </button>
  ) : null;
  return (
    <>
      {notice ? (
        <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      {waves.length ? (
        <>
          <div className="mb-3 flex justify-end">{newButton}</div>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Rollout waves</caption>
              <thead className="bg-slate-50 text-xs text-slate-500">
                <tr>
                  {[
                    "Wave",
                    "Phase",
                    "Start",
                    "Deadline",
                    "Enforcement",
                    "Target",
                    "Members",
                    "Registered",
                    "",
                  ].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 text-left font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {waves.map((w) => (
                  <tr key={w.id} data-testid={`wave-${w.id}`}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
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
                        <span className="block text-xs text-slate-500">
                          Auto-assigns: {w.preferredModel.name}
                        </span>
                      ) : null}
                    </th>
                    <td className="px-3 py-2">
                      <Badge tone={phases[w.phase].tone}>{phases[w.phase].label}</Badge>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{formatDate(w.startDate)}</td>
                    <td className="whitespace-nowrap px-3 py-2">{formatDate(w.registrationDeadline)}</td>
                    <td className="whitespace-nowrap px-3 py-2">{formatDate(w.enforcementDate)}</td>
                    <td className="px-3 py-2 tabular-nums">{w.targetPercent}%</td>
                    <td className="px-3 py-2 tabular-nums">
                      {canUsers ? (
                        <Link
                          className="text-brand-700 hover:underline"
                          href={`/users?wave=${w.id}&state=in_scope`}
                        >
                          {formatNumber(w.members)}
                        </Link>
                      ) : (
                        formatNumber(w.members)
                      )}
                    </td>
                    <td className="px-3 py-2">
                      <WaveProgress registered={w.registered} members={w.members} target={w.targetPercent} />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right">
                      {canAssign ? (
                        <Link
                          href={`/users/waves?wave=${w.id}`}
                          className="mr-2 text-sm text-brand-700 hover:underline"
                        >
                          Assign keys
                        </Link>
                      ) : null}
                      {canWrite ? (
                        <>
                          <Link
                            href={`/rollout/waves/${w.id}`}
                            className="mr-2 text-sm text-brand-700 hover:underline"
                          >
                            People
                          </Link>
                          <button
                            type="button"
                            onClick={() => setEditing(w)}
                            aria-label={`Edit ${w.name}`}
                            className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
                          >
                            <Pencil aria-hidden className="size-4" />
                          </button>
                          <button
                            type="button"
                            onClick={() => setDeleting(w)}
                            aria-label={`Delete ${w.name}`}
                            className="rounded p-1 text-slate-500 hover:bg-red-50 hover:text-red-700"
                          >
                            <Trash2 aria-hidden className="size-4" />
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <div className="py-8">
          <EmptyState icon={Rocket} title="No rollout waves yet" action={newButton}>
            A wave is a group of users with a start, a registration deadline and a target: from Entra groups
            (members follow the group) or from departments and sites.
          </EmptyState>
        </div>
      )}
      {editing ? (
        <WaveForm
          wave={editing === "new" ? null : editing}
          choices={choices}
          onClose={() => setEditing(null)}
          onSaved={(r, name) => {
            setEditing(null);
            setNotice(
              `${name} saved: ${r.membersPending ? "members arrive with the next sync." : `${formatNumber(r.members)} members.`}`,
            );
          }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "wave"}?`}
        confirmLabel="Delete wave"
        isBusy={del.isBusy}
        onCancel={() => {
          setDeleting(null);
          del.setError(null);
        }}
        onConfirm={() =>
          deleting &&
          del.run(
            () => deleteWave.mutateAsync({ id: deleting.id }),
            () => {
              setNotice(`${deleting.name} deleted.`);
              setDeleting(null);
            },
          )
        }
      >
        <p>
          The wave and its {formatNumber(deleting?.members ?? 0)} memberships are removed from KeyFleet; its
          trend history stays. Nothing changes in Entra: the groups, the users and their keys stay as they
          are.
        </p>
        {del.error ? (
          <p role="alert" className="mt-2 text-red-700">
            {del.error}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
