"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";

type Confirm = "order" | "cancel" | "close";
/** Each button opens its confirmation; which ones show depends on the order's status. */
const actions: { confirm: Confirm; label: string; when: string[]; isPrimary?: boolean }[] = [
  { confirm: "order", label: "Place order", when: ["draft"], isPrimary: true },
  { confirm: "cancel", label: "Cancel order", when: ["draft", "ordered"] },
  { confirm: "close", label: "Close short", when: ["partially_received"] },
];

export function PoActions({
  id,
  number,
  status,
  outstanding,
  canWrite,
}: {
  id: string;
  number: string;
  status: string;
  /** Keys still to come on the order. */
  outstanding: number;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const placeOrder = useMutation(trpc.procurement.placeOrder.mutationOptions());
  const cancel = useMutation(trpc.procurement.cancel.mutationOptions());
  const closeShort = useMutation(trpc.procurement.closeShort.mutationOptions());
  const { run: act, isBusy, error } = useAction();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [reason, setReason] = useState("");
  if (!canWrite) return null;

  const run = (fn: () => Promise<unknown>) => act(fn, () => setConfirm(null));
  const reasonField = (
    <label className="mt-3 block text-sm font-medium text-slate-700">
      Reason
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
      />
    </label>
  );

  return (
    <div className="flex items-center gap-2">
      <ActionError error={error} className="text-sm text-red-700" />
      {actions
        .filter((a) => a.when.includes(status))
        .map((a) => (
          <button
            key={a.confirm}
            type="button"
            onClick={() => setConfirm(a.confirm)}
            className={
              a.isPrimary
                ? "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                : "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            }
          >
            {a.label}
          </button>
        ))}
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
        {reasonField}
        {error ? <p className="mt-2 text-sm text-red-700">{error}</p> : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "close"}
        title={`Close ${number} short?`}
        confirmLabel={`Cancel the remaining ${outstanding} and close`}
        isBusy={isBusy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => run(() => closeShort.mutateAsync({ id, reason }))}
      >
        <p>
          The {outstanding} key{outstanding === 1 ? "" : "s"} not yet received will no longer be expected:
          they stop counting as on order in stock and the forecast, and nothing more can be received against
          this order. Keys already received stay in stock. Nothing changes in Entra.
        </p>
        {reasonField}
        {error ? <p className="mt-2 text-sm text-red-700">{error}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
