"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, Rocket } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { EmptyState } from "@/app/_components/empty-state";
import { formatNumber } from "@/app/_components/format";
import { useAction } from "@/app/_components/use-action";
import type { Wave } from "@/server/modules/rollout/rollout.schemas";
import { WaveForm, type FilterChoices } from "./wave-form";
import { WAVE_HEADERS, WaveRow } from "./wave-row";

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
                  {WAVE_HEADERS.map((h) => (
                    <th
                      key={h.label}
                      scope="col"
                      className={`px-3 py-2 text-left font-medium ${h.isWideOnly ? "hidden md:table-cell" : ""}`}
                    >
                      {h.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {waves.map((w) => (
                  <WaveRow
                    key={w.id}
                    w={w}
                    choices={choices}
                    can={{ write: canWrite, users: canUsers, assign: canAssign }}
                    onEdit={() => setEditing(w)}
                    onDelete={() => setDeleting(w)}
                  />
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
