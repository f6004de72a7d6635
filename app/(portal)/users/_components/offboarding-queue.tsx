"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Badge } from "@/app/_components/badge";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { formatDate } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { useAction } from "@/app/_components/use-action";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";
import { dialogInput } from "@/app/_components/styles";
import { ConditionField } from "@/app/(portal)/_components/return-fields";

type Row = RouterOutputs["assignment"]["offboarding"][number];

/** One column of what a person still has: each item beside its action, or "None left". */
function LeftCell<T extends { id: string }>({
  items,
  children,
}: {
  items: T[];
  children: (item: T) => ReactNode;
}) {
  return (
    <td className="px-4 py-3">
      {items.length ? (
        <ul className="space-y-2">
          {items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-3">
              {children(item)}
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-xs text-slate-500">None left</span>
      )}
    </td>
  );
}
type Pending =
  | { kind: "credential"; row: Row; credential: Row["credentials"][number] }
  | { kind: "key"; row: Row; key: Row["keys"][number] };

export function OffboardingQueue({
  rows,
  canRevoke,
  canCollect,
}: {
  rows: Row[];
  canRevoke: boolean;
  canCollect: boolean;
}) {
  const { run, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const deleteLeaverCredential = useMutation(trpc.assignment.deleteLeaverCredential.mutationOptions());
  const collectKey = useMutation(trpc.assignment.collectKey.mutationOptions());
  const [pending, setPending] = useState<Pending | null>(null);
  const [condition, setCondition] = useState("good");
  const [isWiped, setWiped] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);

  async function confirm() {
    if (!pending) return;
    const done = (message: string) => {
      setNotice(message);
      setPending(null);
    };
    if (pending.kind === "credential") {
      await run(
        () => deleteLeaverCredential.mutateAsync({ credentialId: pending.credential.id }),
        (r) =>
          done(
            `Credential deleted in Entra${r.alreadyGone ? " (it was already gone)" : ""}.${r.closedCases.length ? ` Case #${r.closedCases.join(", #")} closed.` : ""}`,
          ),
      );
    } else {
      await run(
        () =>
          collectKey.mutateAsync({
            keyId: pending.key.id,
            version: pending.key.version,
            condition,
            isWiped,
          }),
        (r) =>
          done(
            `${pending.key.serial} collected: ${r.status === "in_stock" ? "back in stock" : "returned, awaiting wipe"}.`,
          ),
      );
    }
  }

  return (
    <>
      {notice ? (
        <p role="status" className="mb-3 text-sm text-emerald-700">
          {notice}
        </p>
      ) : null}
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="offboarding-queue">
          <caption className="sr-only">Leavers with keys to collect and credentials to delete</caption>
          <thead className="bg-slate-50 text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Leaver</th>
              <th className="px-4 py-2 font-medium">Credentials to delete in Entra</th>
              <th className="px-4 py-2 font-medium">Keys to collect</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map((r) => (
              <tr key={r.userId}>
                <td className="px-4 py-3">
                  <Link href={`/users/${r.userId}`} className="font-medium text-slate-900 hover:underline">
                    {r.displayName}
                  </Link>
                  <span className="block text-xs text-slate-500">{r.userPrincipalName}</span>
                  <span className="mt-1 flex flex-wrap gap-1">
                    <Badge tone={r.state === "deleted" ? "danger" : "warning"}>
                      {r.state === "deleted" ? "Deleted" : "Disabled"} {formatDate(r.since)}
                    </Badge>
                    {r.caseNumbers.map((n) => (
                      <Badge key={n} tone="brand">
                        Case #{n}
                      </Badge>
                    ))}
                  </span>
                </td>
                <LeftCell items={r.credentials}>
                  {(c) => (
                    <>
                      <span>
                        {c.displayName ?? c.model ?? "FIDO2 credential"}
                        <span className="block text-xs text-slate-500">
                          {c.keySerial ? `key ${c.keySerial}` : "personal / unknown key"} · created{" "}
                          {formatDate(c.createdDateTime)}
                        </span>
                      </span>
                      {canRevoke ? (
                        <button
                          type="button"
                          onClick={() => {
                            setError(null);
                            setPending({ kind: "credential", row: r, credential: c });
                          }}
                          className="shrink-0 rounded-md border border-red-300 px-2.5 py-1 text-xs text-red-700 hover:bg-red-50"
                        >
                          Delete in Entra…
                        </button>
                      ) : null}
                    </>
                  )}
                </LeftCell>
                <LeftCell items={r.keys}>
                  {(k) => (
                    <>
                      <span className="flex items-center gap-2">
                        <Link href={`/keys/${k.id}`} className="font-mono text-brand-600 hover:underline">
                          {k.serial}
                        </Link>
                        <KeyStatusBadge status={k.status} />
                      </span>
                      {canCollect && k.status !== "reserved" ? (
                        <button
                          type="button"
                          onClick={() => {
                            setError(null);
                            setCondition("good");
                            setWiped(true);
                            setPending({ kind: "key", row: r, key: k });
                          }}
                          className="shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-xs hover:bg-slate-50"
                        >
                          Collect…
                        </button>
                      ) : null}
                    </>
                  )}
                </LeftCell>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={pending?.kind === "credential"}
        title="Delete this credential in Entra?"
        confirmLabel="Delete credential in Entra"
        isBusy={isBusy}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        {pending?.kind === "credential" ? (
          <p>
            KeyFleet will ask Entra to delete the FIDO2 method{" "}
            <strong>{pending.credential.displayName ?? pending.credential.methodId}</strong> from{" "}
            {pending.row.displayName}&apos;s account. Nobody can sign in with it afterwards. This cannot be
            undone; the physical key can be wiped and reused.
          </p>
        ) : null}
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === "key"}
        tone="neutral"
        title={pending?.kind === "key" ? `Collect ${pending.key.serial}?` : "Collect key"}
        confirmLabel="Collect key"
        isBusy={isBusy}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      >
        <p>The key comes back from the leaver. Nothing changes in Entra.</p>
        <ConditionField condition={condition} onCondition={setCondition} inputClassName={dialogInput} />
        <label className="mt-3 flex items-center gap-2">
          <input type="checkbox" checked={isWiped} onChange={(e) => setWiped(e.target.checked)} /> FIDO reset
          done: put it back in stock
        </label>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </>
  );
}
