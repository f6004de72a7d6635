"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Panel } from "@/app/_components/page-header";
import { problemOf } from "@/app/_lib/problem";
import { api } from "@/app/_lib/trpc";
import { HandoverWatch, type IssuedPass } from "./handover-watch";
import { isOpen, QueueTable, type Item, type Queue } from "./queue-table";
import { createCredential } from "./webauthn";
import { HandoverMethod } from "@/app/(portal)/_components/handover-method";
import { DESK_LABELS } from "./desk-labels";
import { ActionError } from "@/app/_components/action-error";

// The enrollment desk: the current person of the queue, worked one of two ways (docs/ENROLLMENT.md) —
// registered on their behalf here (Enroll: the browser talks to the key), or handed the key with a
// one-time pass to register it themselves while the desk watches (Hand over with a pass).

export function QueueRunner({ queue }: { queue: Queue }) {
  const router = useRouter();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const current =
    queue.items.find((i) => i.id === chosenId && i.status !== "enrolled" && i.status !== "skipped") ??
    queue.items.find(isOpen) ??
    null;
  const [serial, setSerial] = useState("");
  const [handover, setHandover] = useState<"in_person" | "shipped">("in_person");
  const [phase, setPhase] = useState<"idle" | "checking" | "touch" | "posting" | "pass">("idle");
  const [issued, setIssued] = useState<IssuedPass | null>(null);
  const [expiresAt, setExpiresAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [notes, setNotes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (phase !== "touch") return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [phase]);
  useEffect(
    () => setHandover(current?.handover === "shipped" ? "shipped" : "in_person"),
    [current?.id, current?.handover],
  );

  async function enroll(e: React.FormEvent) {
    e.preventDefault();
    if (!current) return;
    setError(null);
    setNotice(null);
    // A challenge lives 5 minutes (Graph v1.0): when it runs out before the key answers, fetch fresh options.
    for (let round = 0; round < 3; round++) {
      setPhase("checking");
      let started: Awaited<ReturnType<typeof api.enrollment.start.mutate>>;
      try {
        started = await api.enrollment.start.mutate({ itemId: current.id, serial, handover });
      } catch (x) {
        setError(problemOf(x).message);
        setPhase("idle");
        router.refresh();
        return;
      }
      setNotes(started.notes);
      const expires = Date.parse(started.challengeTimeoutDateTime);
      setExpiresAt(expires);
      setNow(Date.now());
      setPhase("touch");
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), Math.max(expires - Date.now() - 5_000, 10_000));
      let answer: Awaited<ReturnType<typeof createCredential>>;
      try {
        answer = await createCredential(started.options, ctrl.signal);
      } catch (x) {
        clearTimeout(timer);
        if (ctrl.signal.aborted) continue;
        setError((x as Error).message);
        setPhase("idle");
        return;
      } finally {
        clearTimeout(timer);
      }
      await finish(
        { id: answer.id, response: answer.response },
        started.key.serial,
        started.user.displayName,
      );
      return;
    }
    setError("The key did not answer within three 5-minute windows. Check the key and press Enroll again.");
    setPhase("idle");
  }

  async function finish(
    credential: { id: string; response: { clientDataJSON: string; attestationObject: string } } | null,
    keySerial: string,
    person: string,
  ) {
    if (!current) return;
    setPhase("posting");
    try {
      const r = await api.enrollment.complete.mutate({ itemId: current.id, credential });
      setNotice(
        `Enrolled: key ${r.serial || keySerial} is registered in Entra for ${person} and linked to its serial (enrolled)${r.handover === "shipped" ? "; it is booked to ship" : ""}.`,
      );
      setSerial("");
      setChosenId(null);
    } catch (x) {
      setError(problemOf(x).message);
    }
    setPhase("idle");
    router.refresh();
  }

  async function skip(item: Item) {
    setError(null);
    try {
      await api.enrollment.skip.mutate({ itemId: item.id, reason: "Skipped by the agent" });
    } catch (x) {
      setError(problemOf(x).message);
    }
    router.refresh();
  }

  /** The self-registration path: the key goes to the person with a one-time pass, shown once below. */
  async function handOverWithPass() {
    if (!current) return;
    setError(null);
    setNotice(null);
    setPhase("pass");
    try {
      setIssued(await api.enrollment.issuePass.mutate({ itemId: current.id, serial }));
      setSerial("");
    } catch (x) {
      setError(problemOf(x).message);
    }
    setPhase("idle");
    router.refresh();
  }

  function watchChanged(message: string | null) {
    setIssued(null);
    setNotice(message);
    setChosenId(null);
    router.refresh();
  }

  const left = expiresAt ? Math.max(0, Math.round((expiresAt - now) / 1000)) : 0;
  const isBusy = phase !== "idle";

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700" data-testid="enrollment-progress">
        <strong>{queue.done}</strong> done · <strong>{queue.failed}</strong> failed ·{" "}
        <strong>{queue.skipped}</strong> skipped · <strong>{queue.pending}</strong> to do, of {queue.total}
      </p>
      {notice ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      <ActionError error={error} className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" />
      {current ? (
        <Panel title={`Now: ${current.displayName}`} description={current.userPrincipalName}>
          {current.status === "watching" ? (
            <HandoverWatch
              key={current.id}
              item={current}
              issued={issued?.itemId === current.id ? issued : null}
              onChanged={watchChanged}
            />
          ) : current.status === "posting" ? (
            <div className="space-y-2 text-sm">
              <p>
                A registration of key <span className="font-mono">{current.serial}</span> was sent to Entra
                and not finished (the page was closed or the answer was lost). Finish looks in Entra for it
                first and never registers the key twice.
              </p>
              <button
                type="button"
                disabled={isBusy}
                onClick={() => finish(null, current.serial ?? "", current.displayName)}
                className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
              >
                Finish
              </button>
            </div>
          ) : (
            <form onSubmit={enroll} className="space-y-3 text-sm">
              <label className="block font-medium text-slate-700">
                Key serial (scan or type)
                <input
                  value={serial}
                  onChange={(e) => setSerial(e.target.value)}
                  required
                  autoFocus
                  disabled={isBusy}
                  className="mt-1 block w-64 rounded-md border border-slate-300 px-2 py-1.5 font-mono"
                />
              </label>
              <HandoverMethod
                name="handover"
                value={handover}
                onChange={setHandover}
                labels={DESK_LABELS}
                className=""
              />
              <div className="flex gap-2">
                <button
                  type="submit"
                  disabled={isBusy || !serial.trim()}
                  className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
                >
                  {current.status === "failed" ? "Try again" : "Enroll"}
                </button>
                <button
                  type="button"
                  disabled={isBusy || !serial.trim() || handover === "shipped"}
                  onClick={handOverWithPass}
                  title={handover === "shipped" ? "A pass is for a key handed over at the desk" : undefined}
                  className="rounded-md border border-brand-600 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-40"
                >
                  Hand over with a pass
                </button>
                <button
                  type="button"
                  disabled={isBusy}
                  onClick={() => skip(current)}
                  className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40"
                >
                  Skip
                </button>
              </div>
              <p className="text-xs text-slate-500">
                Enroll registers the key here, on the person&apos;s behalf. Hand over with a pass gives them
                the key and a one-time pass to register it themselves at the desk.
              </p>
              {phase === "checking" ? <p role="status">Checking what Entra would refuse…</p> : null}
              {phase === "pass" ? <p role="status">Checking the pass policy and issuing the pass…</p> : null}
              {phase === "touch" ? (
                <div role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sky-900">
                  <p className="font-semibold">Insert the key and touch it.</p>
                  <p>
                    The person sets or enters the key&apos;s PIN at the browser&apos;s prompt. Time left:{" "}
                    <span data-testid="challenge-countdown">
                      {Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")}
                    </span>
                  </p>
                  {notes.map((n) => (
                    <p key={n} className="mt-1">
                      {n}
                    </p>
                  ))}
                </div>
              ) : null}
              {phase === "posting" ? <p role="status">Registering the key in Entra…</p> : null}
            </form>
          )}
        </Panel>
      ) : (
        <p className="text-sm text-slate-700">Nobody left to enroll in this queue.</p>
      )}
      <QueueTable
        queue={queue}
        currentId={current?.id ?? null}
        isBusy={isBusy}
        onChoose={(id) => {
          setChosenId(id);
          setError(null);
        }}
        onSkip={skip}
      />
    </div>
  );
}
