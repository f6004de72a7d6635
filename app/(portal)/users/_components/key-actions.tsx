"use client";

import { CheckInDialog } from "@/app/(portal)/_components/return-fields";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import type { Handover } from "@/app/(portal)/_components/handover-summary";
import { ShipmentActions } from "@/app/(portal)/_components/shipment-actions";
import { ActionError } from "@/app/_components/action-error";
import { dialogInput, rowButton } from "@/app/_components/styles";

type Key = Handover & {
  id: string;
  serial: string;
  version: number;
  status: string;
  credentialId: string | null;
};
type Action = "return" | "mark";
const button = `whitespace-nowrap ${rowButton}`;

/**
 * What an agent does with a key someone holds: record its shipment and delivery, check it in, or report
 * it lost/stolen/damaged. A key whose credential is still live in Entra is reported through a case (which
 * revokes the credential first): "Lost…" opens that case, or the one already open for the user.
 */
export function KeyActions({ k, caseHref }: { k: Key; caseHref?: string }) {
  const action = useAction();
  const { run, isBusy, error, setError } = action;
  const trpc = useTRPC();
  const markKey = useMutation(trpc.assignment.markKey.mutationOptions());
  const [dialog, setDialog] = useState<Action | null>(null);
  const [mark, setMark] = useState<"lost" | "stolen" | "damaged">("lost");
  const [reason, setReason] = useState("");
  const open = (a: Action) => {
    setError(null);
    setReason("");
    setDialog(a);
  };

  const confirmMark = () =>
    run(
      () =>
        markKey.mutateAsync({ keyId: k.id, version: k.version, status: mark, reason: reason || undefined }),
      () => setDialog(null),
    );

  if (k.status === "reserved") return null;
  return (
    <span className="flex flex-wrap gap-1">
      <ShipmentActions serial={k.serial} h={k} />
      <button type="button" className={button} onClick={() => open("return")}>
        Return…
      </button>
      {k.credentialId && caseHref ? (
        <Link
          href={caseHref}
          className={`${button} text-red-700`}
          title="Its credential is live in Entra: a case revokes it, then marks the key"
        >
          Lost or stolen…
        </Link>
      ) : (
        <button type="button" className={`${button} text-red-700`} onClick={() => open("mark")}>
          Lost…
        </button>
      )}
      <CheckInDialog
        k={k}
        open={dialog === "return"}
        confirmLabel="Return key"
        action={action}
        reason={reason}
        onReason={setReason}
        onCancel={() => setDialog(null)}
        onDone={() => setDialog(null)}
        inputClassName={dialogInput}
      >
        <p>
          The key comes back and its assignment ends; it waits as returned until it is wiped (FIDO reset) into
          stock.
          {k.credentialId
            ? " Its credential is still live in Entra: it shows in reconciliation until deleted."
            : ""}{" "}
          Nothing changes in Entra.
        </p>
      </CheckInDialog>
      <ConfirmDialog
        open={dialog === "mark"}
        title={`Report ${k.serial}?`}
        confirmLabel={`Mark as ${mark}`}
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={confirmMark}
      >
        <p>
          {k.credentialId
            ? "This key still has a live credential in Entra: open a case to revoke it first; the key can only be marked after that."
            : "The key leaves service and the assignment ends. Nothing changes in Entra (it has no live credential)."}
        </p>
        <label className="mt-3 block font-medium text-slate-700">
          What happened
          <select
            value={mark}
            onChange={(e) => setMark(e.target.value as typeof mark)}
            className={dialogInput}
          >
            <option value="lost">Lost</option>
            <option value="stolen">Stolen</option>
            <option value="damaged">Damaged</option>
          </select>
        </label>
        <label className="mt-3 block font-medium text-slate-700">
          Reason (optional)
          <input value={reason} onChange={(e) => setReason(e.target.value)} className={dialogInput} />
        </label>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </span>
  );
}
