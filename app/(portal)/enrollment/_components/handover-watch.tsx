"use client";

import { useMutation } from "@tanstack/react-query";
import { ShieldAlert } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { problemOf } from "@/app/_lib/problem";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import type { Item } from "./queue-table";
import { ActionError } from "@/app/_components/action-error";

// The desk after a key was handed over with a pass: the pass once (only in the tab that issued it), the
// watch of the person's FIDO2 methods (the server reads Entra at most every 15 s), the agent's
// confirmation that the new credential is the key in hand, or "they will register later".

export type IssuedPass = RouterOutputs["enrollment"]["issuePass"];
type Candidate = RouterOutputs["enrollment"]["watch"]["candidates"][number];

/** How often the page asks; the server reads Entra at most this often per handover too. */
const POLL_MS = 15_000;

export function HandoverWatch({
  item,
  issued,
  onChanged,
}: {
  item: Item;
  issued: IssuedPass | null;
  onChanged: (notice: string | null) => void;
}) {
  const trpc = useTRPC();
  const watch = useMutation(trpc.enrollment.watch.mutationOptions());
  const confirm = useMutation(trpc.enrollment.confirm.mutationOptions());
  const endWatch = useMutation(trpc.enrollment.endWatch.mutationOptions());
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isAskingLater, setIsAskingLater] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const watchRef = useRef(watch.mutateAsync);
  watchRef.current = watch.mutateAsync;
  const changedRef = useRef(onChanged);
  changedRef.current = onChanged;

  useEffect(() => {
    let stopped = false;
    async function look() {
      try {
        const r = await watchRef.current({ itemId: item.id });
        if (stopped) return;
        setNote(r.note);
        if (r.read) {
          setCandidates(r.candidates);
          setCheckedAt(new Date());
        }
        if (r.state !== "watching") changedRef.current(r.note);
      } catch (x) {
        if (!stopped) setError(problemOf(x).message);
      }
    }
    void look();
    const poll = setInterval(look, POLL_MS);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stopped = true;
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [item.id]);

  async function confirmKey(c: Candidate) {
    setError(null);
    try {
      const r = await confirm.mutateAsync({ itemId: item.id, methodId: c.methodId });
      onChanged(
        `Linked: key ${r.serial} is the credential ${item.displayName} registered, linked to its serial (confirmed).`,
      );
    } catch (x) {
      setError(problemOf(x).message);
    }
  }

  async function later() {
    setError(null);
    try {
      await endWatch.mutateAsync({ itemId: item.id });
      onChanged(`${item.displayName} keeps key ${item.serial}; the sync links it when they register it.`);
    } catch (x) {
      setError(problemOf(x).message);
    }
  }

  const until = item.watchUntil ? new Date(item.watchUntil).getTime() : now;
  const left = Math.max(0, Math.round((until - now) / 1000));
  const isBusy = confirm.isPending || endWatch.isPending;
  const fitting = candidates.filter((c) => c.matchesKey);
  const others = candidates.filter((c) => !c.matchesKey);

  return (
    <div className="min-w-0 space-y-4 text-sm break-words" data-testid="handover-watch">
      {issued ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
          <p className="flex items-start gap-2">
            <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            Shown once, never stored: let {issued.user.displayName} read it now. Reloading this page removes
            it.
          </p>
          <output
            aria-label="Temporary Access Pass"
            data-testid="handover-pass"
            className="mt-3 block select-all break-all rounded-md border border-slate-300 bg-white px-4 py-3 text-center font-mono text-2xl tracking-wider text-slate-900"
          >
            {issued.temporaryAccessPass}
          </output>
          <p className="mt-2">
            {issued.isUsableOnce ? "One sign-in only" : "Any number of sign-ins"}, until{" "}
            {formatDateTime(issued.expiresAt)} ({issued.lifetimeInMinutes} minutes).
          </p>
        </div>
      ) : (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-slate-700">
          The pass was shown once when it was issued
          {item.passExpiresAt ? ` (valid until ${formatDateTime(item.passExpiresAt)})` : ""}. If the person
          lost it, press &ldquo;They will register later&rdquo; and issue a new one.
        </p>
      )}
      <ol className="list-decimal space-y-1 pl-5 text-slate-700">
        <li>
          The person signs in at <span className="font-mono break-all">https://aka.ms/mysecurityinfo</span>{" "}
          with the pass.
        </li>
        <li>They add a security key, insert key {item.serial ?? ""} and set its PIN at the prompt.</li>
        <li>The new key appears below; confirm it is the key in hand.</li>
      </ol>
      <div role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sky-900">
        Watching Entra for {item.displayName}&apos;s new key ·{" "}
        <span data-testid="watch-countdown">
          {Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")}
        </span>{" "}
        left{checkedAt ? ` · last looked ${formatDateTime(checkedAt)}` : ""}
        {note ? <span className="block">{note}</span> : null}
      </div>
      <ActionError error={error} className="rounded-md bg-red-50 px-3 py-2 text-red-800" />
      {fitting.length ? (
        <ul className="space-y-2" aria-label="New keys in Entra">
          {fitting.map((c) => (
            <li
              key={c.methodId}
              className="flex flex-wrap items-center gap-3 rounded-md border border-emerald-200 p-3"
            >
              <span className="flex-1">
                <span className="font-medium">{c.model ?? "Security key"}</span>
                {c.displayName ? ` “${c.displayName}”` : ""}
                {c.createdAt ? (
                  <span className="block text-xs text-slate-500">
                    registered {formatDateTime(c.createdAt)}
                  </span>
                ) : null}
              </span>
              <button
                type="button"
                disabled={isBusy}
                onClick={() => confirmKey(c)}
                className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
              >
                This is key {item.serial}: link it
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-600">No new key in Entra yet.</p>
      )}
      {others.length ? (
        <p className="text-slate-600">
          Also new, but not this key&apos;s model:{" "}
          {others.map((c) => c.model ?? "another authenticator").join(", ")}.
        </p>
      ) : null}
      {isAskingLater ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 p-3">
          <span className="flex-1">
            Stop watching? The key stays with {item.displayName}; the sync links it (inferred) when they
            register it.
          </span>
          <button
            type="button"
            disabled={isBusy}
            onClick={later}
            className="rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-900 disabled:opacity-40"
          >
            Stop watching
          </button>
          <button
            type="button"
            onClick={() => setIsAskingLater(false)}
            className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50"
          >
            Keep watching
          </button>
        </div>
      ) : (
        <button
          type="button"
          disabled={isBusy}
          onClick={() => setIsAskingLater(true)}
          className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40"
        >
          They will register later
        </button>
      )}
    </div>
  );
}
