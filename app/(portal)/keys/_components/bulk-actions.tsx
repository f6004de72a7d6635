"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import type { FilterOption } from "@/app/_components/data-table";
import { useAction } from "@/app/_components/use-action";
import type { KeyRow } from "@/server/modules/inventory/inventory.schemas";
import { keyRetireInput, keyTransferInput } from "@/server/modules/inventory/inventory.schemas";
import { useTRPC } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";
import { dialogInput } from "@/app/_components/styles";

/** Transfer or retire the selected keys; both ask first and are all or nothing on the server. */
export function BulkActions({
  selected,
  sites,
  onDone,
}: {
  selected: KeyRow[];
  sites: FilterOption[];
  onDone: () => void;
}) {
  const { run: act, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const transferKeys = useMutation(trpc.inventory.transferKeys.mutationOptions());
  const retireKeys = useMutation(trpc.inventory.retireKeys.mutationOptions());
  const [dialog, setDialog] = useState<"transfer" | "retire" | null>(null);
  const [toSiteId, setToSiteId] = useState("");
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const refs = selected.map((k) => ({ id: k.id, version: k.version }));

  async function run(kind: "transfer" | "retire") {
    const parsed =
      kind === "transfer"
        ? keyTransferInput.safeParse({ keys: refs, toSiteId })
        : keyRetireInput.safeParse({ keys: refs, reason });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    await act(
      () =>
        kind === "transfer"
          ? transferKeys.mutateAsync({ keys: refs, toSiteId })
          : retireKeys.mutateAsync({ keys: refs, reason }),
      (r) => {
        setNotice(
          `${r.updated} key${r.updated === 1 ? "" : "s"} ${kind === "transfer" ? "transferred" : "retired"}.`,
        );
        setDialog(null);
        onDone();
      },
    );
  }

  return (
    <div className="mb-3 flex min-h-9 items-center gap-2 text-sm">
      <span className="text-slate-600">
        {selected.length ? `${selected.length} selected` : "Select keys for bulk actions"}
      </span>
      <button
        type="button"
        disabled={!selected.length}
        onClick={() => {
          setError(null);
          setDialog("transfer");
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50 disabled:opacity-40"
      >
        Transfer…
      </button>
      <button
        type="button"
        disabled={!selected.length}
        onClick={() => {
          setError(null);
          setDialog("retire");
        }}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-red-700 hover:bg-red-50 disabled:opacity-40"
      >
        Retire…
      </button>
      {notice ? (
        <span role="status" className="text-emerald-700">
          {notice}
        </span>
      ) : null}
      <ConfirmDialog
        open={dialog === "transfer"}
        tone="neutral"
        title={`Transfer ${selected.length} key${selected.length === 1 ? "" : "s"}?`}
        confirmLabel={`Transfer ${selected.length === 1 ? "key" : `${selected.length} keys`}`}
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={() => run("transfer")}
      >
        <p>
          Only keys in stock or returned can move. If any key cannot, none moves. Nothing changes in Entra.
        </p>
        <label className="mt-3 block font-medium text-slate-700">
          To site
          <select value={toSiteId} onChange={(e) => setToSiteId(e.target.value)} className={dialogInput}>
            <option value="">Choose…</option>
            {sites.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "retire"}
        title={`Retire ${selected.length} key${selected.length === 1 ? "" : "s"}?`}
        confirmLabel={`Retire ${selected.length === 1 ? "key" : `${selected.length} keys`}`}
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={() => run("retire")}
      >
        <p>
          Retired keys leave service for good; a key someone holds is taken off them (their assignment ends).
          Nothing changes in Entra: a key whose credential is still live there is refused, and none is
          retired, until that credential is deleted (a case or the offboarding queue).
        </p>
        <label className="mt-3 block font-medium text-slate-700">
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} className={dialogInput} />
        </label>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </div>
  );
}
