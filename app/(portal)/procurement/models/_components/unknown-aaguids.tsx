"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { formatNumber } from "@/app/_components/format";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import { FormMessage } from "@/app/_components/form-field";
import { ActionError } from "@/app/_components/action-error";

type Unknown = {
  aaguid: string;
  credentials: number;
  exampleModel: string | null;
  catalog: { vendor: string; product: string; kind: string } | null;
};
type ModelOption = { id: string; label: string };

/** AAGUIDs on Entra credentials that no model claims: add a model for one, or say which model it is. */
export function UnknownAaguids({
  rows,
  models,
  canWrite,
}: {
  rows: Unknown[];
  models: ModelOption[];
  canWrite: boolean;
}) {
  const { run, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const mapAaguid = useMutation(trpc.inventory.mapAaguid.mutationOptions());
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Unknown | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const target = pending ? models.find((m) => m.id === choice[pending.aaguid]) : undefined;

  async function map() {
    if (!pending || !target) return;
    await run(
      () => mapAaguid.mutateAsync({ aaguid: pending.aaguid, modelId: target.id }),
      (r) => {
        setDone(`${pending.aaguid} is now ${target.label}; ${r.credentialsUpdated} credentials updated.`);
        setPending(null);
      },
    );
  }

  return (
    <div className="space-y-3" data-testid="unknown-aaguids">
      <FormMessage message={done} tone="ok" />
      <table className="w-full text-left text-sm">
        <caption className="sr-only">AAGUIDs seen in Entra that no model claims</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1.5 pr-3">AAGUID</th>
            <th className="pr-3">Entra calls it</th>
            <th className="pr-3">Catalogue</th>
            <th className="pr-3 text-right">Credentials</th>
            {canWrite ? <th className="pl-3">Resolve</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((u) => (
            <tr key={u.aaguid}>
              <td className="whitespace-nowrap py-2 pr-3 font-mono text-xs">{u.aaguid}</td>
              <td className="pr-3">{u.exampleModel ?? <span className="text-slate-500">—</span>}</td>
              <td className="pr-3 text-xs">
                {u.catalog ? (
                  `${u.catalog.vendor} ${u.catalog.product} (${u.catalog.kind.replace("-", " ")})`
                ) : (
                  <span className="text-slate-500">not in the catalogue</span>
                )}
              </td>
              <td className="pr-3 text-right tabular-nums">{formatNumber(u.credentials)}</td>
              {canWrite ? (
                <td className="pl-3">
                  <div className="flex items-center gap-2">
                    <Link
                      href={
                        u.catalog?.kind === "hardware"
                          ? `/procurement/models/new?from=${u.aaguid}`
                          : `/procurement/models/new?aaguid=${u.aaguid}${u.exampleModel ? `&name=${encodeURIComponent(u.exampleModel)}` : ""}`
                      }
                      className="whitespace-nowrap rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-50"
                    >
                      Add a model
                    </Link>
                    <span className="text-xs text-slate-500">or</span>
                    <label className="sr-only" htmlFor={`map-${u.aaguid}`}>
                      Existing model for {u.aaguid}
                    </label>
                    <select
                      id={`map-${u.aaguid}`}
                      value={choice[u.aaguid] ?? ""}
                      onChange={(e) => setChoice((c) => ({ ...c, [u.aaguid]: e.target.value }))}
                      className="w-44 rounded-md border border-slate-300 px-2 py-1 text-xs"
                    >
                      <option value="">Map to a model…</option>
                      {models.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.label}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      disabled={!choice[u.aaguid]}
                      onClick={() => {
                        setError(null);
                        setPending(u);
                      }}
                      className="rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-40"
                    >
                      Map
                    </button>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={pending !== null}
        tone="neutral"
        title={`Map this AAGUID to ${target?.label ?? "the model"}?`}
        confirmLabel="Map AAGUID"
        isBusy={isBusy}
        onCancel={() => setPending(null)}
        onConfirm={map}
      >
        <p>
          <span className="font-mono text-xs">{pending?.aaguid}</span> will belong to {target?.label}: its{" "}
          {pending?.credentials} credentials count as this model in reports and matching, and future
          registrations with it are recognised.
        </p>
        <p className="mt-2">
          Nothing changes in Entra. You can move the AAGUID to another model later by editing the models.
        </p>
        <ActionError error={error} className="mt-2 text-sm text-red-700" />
      </ConfirmDialog>
    </div>
  );
}
