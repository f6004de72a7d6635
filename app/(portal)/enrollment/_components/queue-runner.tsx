"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge, type BadgeTone } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import { Panel } from "@/app/_components/page-header";
import { api, problemOf } from "@/app/(portal)/procurement/_components/api";
import { createCredential } from "./webauthn";

type Queue = Awaited<ReturnType<typeof api.enrollment.queue.query>>;
type Item = Queue["items"][number];

const tone: Record<Item["status"], BadgeTone> = {
  queued: "neutral",
  started: "info",
  posting: "warning",
  enrolled: "success",
  failed: "danger",
  skipped: "neutral",
  watching: "info",
  handed_over: "warning",
};
const label: Record<Item["status"], string> = {
  queued: "to do",
  started: "started",
  posting: "sent to Entra, not finished",
  enrolled: "enrolled",
  failed: "failed",
  skipped: "skipped",
  watching: "has the key and a pass; watching Entra",
  handed_over: "handed over, not yet linked",
};
const open = (i: Item) => i.status === "queued" || i.status === "started" || i.status === "posting";

export function QueueRunner({ queue }: { queue: Queue }) {
  const router = useRouter();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const current =
    queue.items.find((i) => i.id === chosenId && i.status !== "enrolled" && i.status !== "skipped") ??
    queue.items.find(open) ??
    null;
  const [serial, setSerial] = useState("");
  const [handover, setHandover] = useState<"in_person" | "shipped">("in_person");
  const [phase, setPhase] = useState<"idle" | "checking" | "touch" | "posting">("idle");
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
  useEffect(() => setHandover(current?.handover ?? "in_person"), [current?.id, current?.handover]);

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

  async function downloadCsv() {
    const sheet = await api.enrollment.sheet.query({ batchId: queue.id });
    const url = URL.createObjectURL(new Blob([sheet.csv], { type: "text/csv" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: sheet.filename });
    a.click();
    URL.revokeObjectURL(url);
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
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {current ? (
        <Panel title={`Now: ${current.displayName}`} description={current.userPrincipalName}>
          {current.status === "posting" ? (
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
              <fieldset>
                <legend className="font-medium text-slate-700">Handover</legend>
                <div className="mt-1 flex gap-4">
                  <label className="flex items-center gap-1.5">
                    <input
                      type="radio"
                      name="handover"
                      checked={handover === "in_person"}
                      onChange={() => setHandover("in_person")}
                    />{" "}
                    Handed over now
                  </label>
                  <label className="flex items-center gap-1.5">
                    <input
                      type="radio"
                      name="handover"
                      checked={handover === "shipped"}
                      onChange={() => setHandover("shipped")}
                    />{" "}
                    Enrolled, to ship
                  </label>
                </div>
              </fieldset>
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
                  disabled={isBusy}
                  onClick={() => skip(current)}
                  className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40"
                >
                  Skip
                </button>
              </div>
              {phase === "checking" ? <p role="status">Checking what Entra would refuse…</p> : null}
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
      <Panel
        title="Queue"
        actions={
          <button
            type="button"
            onClick={downloadCsv}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            Download handover sheet (CSV)
          </button>
        }
      >
        <table className="w-full text-left text-sm" data-testid="enrollment-items">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1.5 font-medium">Person</th>
              <th className="py-1.5 font-medium">Key</th>
              <th className="py-1.5 font-medium">Status</th>
              <th className="py-1.5 font-medium" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {queue.items.map((i) => (
              <tr
                key={i.id}
                data-testid={`item-${i.position}`}
                className={i.id === current?.id ? "bg-brand-50/40" : undefined}
              >
                <td className="py-2">
                  <Link href={`/users/${i.userId}`} className="font-medium text-slate-900 hover:underline">
                    {i.displayName}
                  </Link>
                  <span className="block text-xs text-slate-500">{i.userPrincipalName}</span>
                </td>
                <td className="py-2">
                  {i.serial ? <span className="font-mono">{i.serial}</span> : "—"}
                  {i.model ? <span className="block text-xs text-slate-500">{i.model}</span> : null}
                </td>
                <td className="py-2">
                  <Badge tone={tone[i.status]}>{label[i.status]}</Badge>
                  {i.enrolledAt ? (
                    <span className="block text-xs text-slate-500">
                      {formatDateTime(i.enrolledAt)} by {i.enrolledBy}
                    </span>
                  ) : null}
                  {i.message && i.status !== "enrolled" ? (
                    <span className="block max-w-md text-xs text-slate-600">{i.message}</span>
                  ) : null}
                </td>
                <td className="py-2 text-right">
                  {i.status === "failed" || (open(i) && i.id !== current?.id) ? (
                    <button
                      type="button"
                      disabled={isBusy}
                      onClick={() => {
                        setChosenId(i.id);
                        setError(null);
                      }}
                      className="text-xs font-medium text-brand-700 hover:underline"
                    >
                      {i.status === "failed" ? "Retry" : "Do now"}
                    </button>
                  ) : null}
                  {i.status === "failed" || i.status === "queued" ? (
                    <button
                      type="button"
                      disabled={isBusy}
                      onClick={() => skip(i)}
                      className="ml-3 text-xs font-medium text-slate-600 hover:underline"
                    >
                      Skip
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
