"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";

export function PoActions({
  id,
  number,
  status,
  canWrite,
}: {
  id: string;
  number: string;
  status: string;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const placeOrder = useMutation(trpc.procurement.placeOrder.mutationOptions());
  const cancel = useMutation(trpc.procurement.cancel.mutationOptions());
  const { run: act, isBusy, error } = useAction();
  const [confirm, setConfirm] = useState<"order" | "cancel" | null>(null);
  const [reason, setReason] = useState("");
  if (!canWrite) return null;

  const run = (fn: () => Promise<unknown>) => act(fn, () => setConfirm(null));

  return (
    <div className="flex items-center gap-2">
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {status === "draft" ? (
        <button
          type="button"
          onClick={() => setConfirm("order")}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          Place order
        </button>
      ) : null}
      {status === "draft" || status === "ordered" ? (
        <button
          type="button"
          onClick={() => setConfirm("cancel")}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          Cancel order
        </button>
      ) : null}
      <ConfirmDialog
        open={confirm === "order"}
        title={`Place ${number}?`}
        tone="neutral"
        confirmLabel="Place order"
        isBusy={isBusy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => run(() => placeOrder.mutateAsync({ id }))}
      >
        The order can no longer be edited; it counts as on order in stock and forecast until received. Nothing
        changes in Entra.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "cancel"}
        title={`Cancel ${number}?`}
        confirmLabel="Cancel order"
        cancelLabel="Keep order"
        isBusy={isBusy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => run(() => cancel.mutateAsync({ id, reason }))}
      >
        <p>Nothing more can be received against it. Nothing changes in Entra.</p>
        <label className="mt-3 block text-sm font-medium text-slate-700">
          Reason
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          />
        </label>
        {error ? <p className="mt-2 text-sm text-red-700">{error}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
