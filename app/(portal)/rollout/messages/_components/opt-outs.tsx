"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { inputClass } from "@/app/_components/form-field";
import { formatDate } from "@/app/_components/format";
import { ActionError } from "@/app/_components/action-error";
import { useAction } from "@/app/_components/use-action";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { optOutInput } from "@/server/modules/messages/messages.schemas";
import { rowButton } from "@/app/_components/styles";

type Row = RouterOutputs["messages"]["optOuts"][number];

/** The people who get no messages: add one by sign-in name or mail address, or take one off the list. */
export function OptOuts({ rows, canWrite }: { rows: Row[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.messages.addOptOut.mutationOptions());
  const remove = useMutation(trpc.messages.removeOptOut.mutationOptions());
  const { run, isBusy, error, setError } = useAction();
  const [person, setPerson] = useState("");
  const [reason, setReason] = useState("");

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = optOutInput.safeParse({ person, reason: reason || undefined });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    await run(
      () => add.mutateAsync(parsed.data),
      () => {
        setPerson("");
        setReason("");
      },
    );
  }

  return (
    <div className="space-y-4 text-sm">
      {rows.length === 0 ? (
        <p className="text-slate-600">Nobody has opted out.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-3 py-2">
              <span>
                <span className="font-medium text-slate-900">{r.displayName}</span>{" "}
                <span className="text-slate-500">{r.userPrincipalName}</span>
                <span className="block text-xs text-slate-500">
                  Since {formatDate(r.addedAt)}
                  {r.reason ? ` · ${r.reason}` : ""}
                </span>
              </span>
              {canWrite ? (
                <button
                  type="button"
                  className={rowButton}
                  disabled={isBusy}
                  onClick={() => run(() => remove.mutateAsync({ userId: r.id }))}
                >
                  Send to {r.displayName} again
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <label>
            <span className="font-medium text-slate-700">Sign-in name or mail</span>
            <input className={inputClass} value={person} onChange={(e) => setPerson(e.target.value)} />
          </label>
          <label>
            <span className="font-medium text-slate-700">Reason (optional)</span>
            <input className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button
            type="submit"
            disabled={isBusy}
            className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50"
          >
            Add to opt-outs
          </button>
        </form>
      ) : null}
      <ActionError error={error} />
    </div>
  );
}
