"use client";

import { CheckInDialog } from "@/app/(portal)/_components/return-fields";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { ActionError } from "@/app/_components/action-error";
import { inputClass } from "@/app/_components/form-field";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import type { KeyPageAction } from "@/server/modules/inventory/key-page-actions.constants";

type Dialog = KeyPageAction | null;
const button =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

/**
 * A key's own actions (issue 13), each through the service that owns the move and each asking first:
 * check in (assignment.returnKey), transfer to another site (inventory.transferKeys), retire
 * (inventory.retireKeys for procurement and admin, assignment.retireKey for the helpdesk). The server
 * says which apply (`actions`); nothing here changes anything in Entra.
 */
export function KeyPageActions({
  k,
  actions,
  sites,
  retireVia,
}: {
  k: { id: string; serial: string; version: number; siteId: string; custodian: string | null };
  actions: readonly KeyPageAction[];
  sites: { id: string; code: string; name: string }[];
  retireVia: "inventory" | "assignment";
}) {
  const trpc = useTRPC();
  const action = useAction();
  const { run, isBusy, error, setError } = action;
  const transferKeys = useMutation(trpc.inventory.transferKeys.mutationOptions());
  const retireKeys = useMutation(trpc.inventory.retireKeys.mutationOptions());
  const retireKey = useMutation(trpc.assignment.retireKey.mutationOptions());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [toSiteId, setToSiteId] = useState("");
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  if (!actions.length) return null;

  const open = (d: Dialog) => {
    setError(null);
    setReason("");
    setToSiteId("");
    setDialog(d);
  };
  const done = (what: string) => () => {
    setDialog(null);
    setNotice(`${k.serial} ${what}.`);
  };
  const ref = { id: k.id, version: k.version };

  function confirm() {
    if (dialog === "transfer") {
      if (!toSiteId) return setError("Choose the site the key moves to.");
      const to = sites.find((s) => s.id === toSiteId);
      return run(
        () => transferKeys.mutateAsync({ keys: [ref], toSiteId }),
        done(`moved to ${to?.code ?? "the new site"}`),
      );
    }
    if (reason.trim().length < 3) return setError("Say why the key is retired (at least 3 characters).");
    return run(
      async (): Promise<unknown> =>
        retireVia === "inventory"
          ? retireKeys.mutateAsync({ keys: [ref], reason })
          : retireKey.mutateAsync({ keyId: k.id, version: k.version, reason }),
      done("retired"),
    );
  }

  const errorLine = <ActionError error={error} className="mt-2 text-red-700" />;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="key-actions">
      {actions.includes("check_in") ? (
        <button type="button" className={button} onClick={() => open("check_in")}>
          Check in…
        </button>
      ) : null}
      {actions.includes("transfer") ? (
        <button type="button" className={button} onClick={() => open("transfer")}>
          Transfer…
        </button>
      ) : null}
      {actions.includes("retire") ? (
        <button type="button" className={`${button} text-red-700`} onClick={() => open("retire")}>
          Retire…
        </button>
      ) : null}
      {notice ? (
        <span role="status" className="text-sm text-emerald-700">
          {notice}
        </span>
      ) : null}
      <CheckInDialog
        k={k}
        open={dialog === "check_in"}
        confirmLabel="Check in key"
        action={action}
        reason={reason}
        onReason={setReason}
        onCancel={() => setDialog(null)}
        onDone={done("checked in: it waits as returned until it is wiped into stock")}
        inputClassName={inputClass}
      >
        <p>
          {k.custodian ? `${k.custodian} hands the key back and their` : "The"} assignment ends; the key waits
          as returned until it is wiped (FIDO reset) into stock. Nothing changes in Entra.
        </p>
      </CheckInDialog>
      <ConfirmDialog
        open={dialog === "transfer"}
        tone="neutral"
        title={`Transfer ${k.serial}?`}
        confirmLabel="Transfer key"
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={confirm}
      >
        <p>The key moves to another site&apos;s stock. Nothing changes in Entra.</p>
        <label className="mt-3 block font-medium text-slate-700">
          To site
          <select value={toSiteId} onChange={(e) => setToSiteId(e.target.value)} className={inputClass}>
            <option value="">Choose…</option>
            {sites
              .filter((s) => s.id !== k.siteId)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.code} — {s.name}
                </option>
              ))}
          </select>
        </label>
        {errorLine}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "retire"}
        title={`Retire ${k.serial}?`}
        confirmLabel="Retire key"
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={confirm}
      >
        <p>
          The key leaves service for good{k.custodian ? ` and is taken off ${k.custodian}` : ""}. This cannot
          be undone. Nothing changes in Entra.
        </p>
        <label className="mt-3 block font-medium text-slate-700">
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />
        </label>
        {errorLine}
      </ConfirmDialog>
    </div>
  );
}
