"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { formatDate } from "@/app/_components/format";
import { useAction } from "@/app/_components/use-action";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";
import { dialogInput, rowButton, textLink } from "@/app/_components/styles";

type Row = RouterOutputs["assignment"]["returnedKeys"]["items"][number];

/** Checked-in keys: wipe (FIDO reset done) back into stock, or retire / destroy with a reason. */
export function ReturnedKeys({ rows }: { rows: Row[] }) {
  const { run, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const wipeKey = useMutation(trpc.assignment.wipeKey.mutationOptions());
  const retireKey = useMutation(trpc.assignment.retireKey.mutationOptions());
  const [pending, setPending] = useState<{ row: Row; action: "wipe" | "retire" } | null>(null);
  const [reason, setReason] = useState("");
  const [isDestroyed, setDestroyed] = useState(false);

  async function confirm() {
    if (!pending) return;
    const ref = { keyId: pending.row.keyId, version: pending.row.version };
    await run(
      () =>
        pending.action === "wipe"
          ? wipeKey.mutateAsync(ref)
          : retireKey.mutateAsync({ ...ref, reason, isDestroyed }),
      () => setPending(null),
    );
  }

  if (!rows.length) return <p className="text-sm text-slate-500">No key is waiting to be wiped.</p>;
  return (
    <>
      <table className="w-full text-left text-sm" data-testid="returned-keys">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="pb-2 pr-3 font-medium">Key</th>
            <th className="pb-2 pr-3 font-medium">From</th>
            <th className="pb-2 pr-3 font-medium">Condition</th>
            <th className="pb-2 pr-3 font-medium">Returned</th>
            <th className="pb-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.keyId}>
              <td className="py-1.5 pr-3 font-mono">
                <Link className={textLink} href={`/keys/${r.keyId}`}>
                  {r.serial}
                </Link>
              </td>
              <td className="py-1.5 pr-3">
                {r.fromUserId ? (
                  <Link className={textLink} href={`/users/${r.fromUserId}`}>
                    {r.fromUser}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="py-1.5 pr-3">{r.condition ?? "—"}</td>
              <td className="py-1.5 pr-3 text-xs">{formatDate(r.since)}</td>
              <td className="py-1.5">
                <span className="flex gap-1">
                  <button
                    type="button"
                    className={rowButton}
                    onClick={() => {
                      setError(null);
                      setPending({ row: r, action: "wipe" });
                    }}
                  >
                    Wiped…
                  </button>
                  <button
                    type="button"
                    className={`${rowButton} text-red-700`}
                    onClick={() => {
                      setError(null);
                      setReason("");
                      setDestroyed(false);
                      setPending({ row: r, action: "retire" });
                    }}
                  >
                    Retire…
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={pending?.action === "wipe"}
        tone="neutral"
        title={`${pending?.row.serial ?? ""} wiped?`}
        confirmLabel="Put back in stock"
        isBusy={isBusy}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        <p>
          Confirm the FIDO reset was done on the key itself: it goes back into stock at {pending?.row.site}{" "}
          and can be assigned again. Nothing changes in Entra.
        </p>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.action === "retire"}
        title={`Retire ${pending?.row.serial ?? ""}?`}
        confirmLabel={isDestroyed ? "Retire as destroyed" : "Retire key"}
        isBusy={isBusy}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        <p>The key leaves service for good. Nothing changes in Entra.</p>
        <label className="mt-3 block font-medium text-slate-700">
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} className={dialogInput} />
        </label>
        <label className="mt-3 flex items-center gap-2">
          <input type="checkbox" checked={isDestroyed} onChange={(e) => setDestroyed(e.target.checked)} />{" "}
          Physically destroyed
        </label>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </>
  );
}
