"use client";

import { CheckCircle2, ScanBarcode, XCircle } from "lucide-react";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { serialSchema } from "@/server/modules/inventory/inventory.schemas";

type Entry = { n: number; serial: string; state: "pending" | "ok" | "error"; reason?: string };
type Line = RouterOutputs["procurement"]["get"]["lines"][number];

/**
 * A barcode scanner types the serial and Enter, fast. The field clears at once and scans queue, so
 * typing never waits on the network; a serial already scanned here is rejected before any request.
 * `lines` come from the order's query, which every receipt reads again: the line picker's counts and
 * the order's lines table show the same numbers.
 */
export function ScanReceiver({
  poId,
  lines,
  onOrderReceived,
}: {
  poId: string;
  lines: Line[];
  onOrderReceived: (outcome: string) => void;
}) {
  const trpc = useTRPC();
  const receive = useMutation(trpc.procurement.receiveScan.mutationOptions());
  const [lineId, setLineId] = useState(
    lines.find((l) => l.receivedQuantity < l.quantity)?.id ?? lines[0]?.id ?? "",
  );
  const [log, setLog] = useState<Entry[]>([]);
  // What each scan answered, until the order's re-read (which follows every scan) catches up.
  const [answered, setAnswered] = useState<Record<string, number>>({});
  const counts = Object.fromEntries(
    lines.map((l) => [l.id, Math.max(l.receivedQuantity, answered[l.id] ?? 0)]),
  );
  const seen = useRef(new Map<string, number>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const counter = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const update = (n: number, patch: Partial<Entry>) =>
    setLog((l) => l.map((e) => (e.n === n ? { ...e, ...patch } : e)));

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const raw = e.currentTarget.value;
    e.currentTarget.value = "";
    if (!raw.trim()) return;
    const n = ++counter.current;
    const parsed = serialSchema.safeParse(raw);
    if (!parsed.success) {
      setLog((l) => [
        { n, serial: raw.trim(), state: "error", reason: parsed.error.issues[0]!.message },
        ...l,
      ]);
      return;
    }
    const serial = parsed.data;
    const earlier = seen.current.get(serial);
    if (earlier !== undefined) {
      setLog((l) => [
        { n, serial, state: "error", reason: `duplicate: already scanned as #${earlier} in this session` },
        ...l,
      ]);
      return;
    }
    seen.current.set(serial, n);
    setLog((l) => [{ n, serial, state: "pending" }, ...l]);
    const line = lineId;
    queue.current = queue.current.then(async () => {
      try {
        const r = await receive.mutateAsync({ poId, lineId: line || undefined, serial });
        setAnswered((c) => ({ ...c, [r.line.id]: Math.max(c[r.line.id] ?? 0, r.line.receivedQuantity) }));
        update(n, {
          state: "ok",
          reason: `${r.key.model} · ${r.line.receivedQuantity}/${r.line.quantity} received`,
        });
        if (r.poStatus === "received") {
          onOrderReceived(`Received ${serial}, the last key on this order. The order is now received.`);
        }
      } catch (err) {
        seen.current.delete(serial);
        update(n, { state: "error", reason: messageOf(err) });
      }
    });
  }

  const okCount = log.filter((e) => e.state === "ok").length;
  const errorCount = log.filter((e) => e.state === "error").length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        {lines.length > 1 ? (
          <label className="text-sm font-medium text-slate-700">
            Line
            <select
              value={lineId}
              onChange={(e) => setLineId(e.target.value)}
              className="mt-1 block rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            >
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.model} ({counts[l.id]}/{l.quantity})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="min-w-72 flex-1 text-sm font-medium text-slate-700">
          Scan or type a serial, then Enter
          <div className="relative mt-1">
            <ScanBarcode aria-hidden className="absolute left-2.5 top-2 size-4 text-slate-400" />
            <input
              ref={inputRef}
              autoFocus
              onKeyDown={onKeyDown}
              autoComplete="off"
              spellCheck={false}
              data-testid="scan-input"
              className="block w-full rounded-md border border-slate-300 py-1.5 pl-8 pr-2.5 font-mono text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
            />
          </div>
        </label>
      </div>
      <p className="text-xs text-slate-500" aria-live="polite">
        {okCount} received · {errorCount} rejected in this session
      </p>
      <ol
        className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
        aria-label="Scanned serials"
        data-testid="scan-log"
      >
        {log.map((e) => (
          <li key={e.n} className="flex items-center gap-2 px-3 py-1.5 text-sm" data-state={e.state}>
            {e.state === "ok" ? (
              <CheckCircle2 aria-label="received" className="size-4 text-emerald-600" />
            ) : e.state === "error" ? (
              <XCircle aria-label="rejected" className="size-4 text-red-600" />
            ) : (
              <span className="size-4 animate-pulse rounded-full bg-slate-300" aria-label="sending" />
            )}
            <span className="font-mono">{e.serial}</span>
            <span className={e.state === "error" ? "text-red-700" : "text-slate-500"}>{e.reason ?? "…"}</span>
          </li>
        ))}
        {log.length === 0 ? (
          <li className="px-3 py-4 text-center text-sm text-slate-500">Nothing scanned yet.</li>
        ) : null}
      </ol>
    </div>
  );
}
