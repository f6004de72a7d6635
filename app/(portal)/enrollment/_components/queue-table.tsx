"use client";

import Link from "next/link";
import { Badge, type BadgeTone } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import { Panel } from "@/app/_components/page-header";
import { api, type RouterOutputs } from "@/app/_lib/trpc";

// The queue's people, their keys and where each stands; the handover sheet. The runner above it works
// the current person.

export type Queue = RouterOutputs["enrollment"]["queue"];
export type Item = Queue["items"][number];

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
  handed_over: "handed over; the sync links it",
};
/** Enrolled through a pass: the person registered it and the agent confirmed it. */
const statusLabel = (i: Item) =>
  i.status === "enrolled" && i.passExpiresAt ? "registered by the person, confirmed" : label[i.status];

export const isOpen = (i: Item) =>
  i.status === "queued" || i.status === "started" || i.status === "posting" || i.status === "watching";

export function QueueTable({
  queue,
  currentId,
  isBusy,
  onChoose,
  onSkip,
}: {
  queue: Queue;
  currentId: string | null;
  isBusy: boolean;
  onChoose: (id: string) => void;
  onSkip: (i: Item) => void;
}) {
  async function downloadCsv() {
    const sheet = await api.enrollment.sheet.query({ batchId: queue.id });
    const url = URL.createObjectURL(new Blob([sheet.csv], { type: "text/csv" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: sheet.filename });
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
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
      <div className="overflow-x-auto">
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
                className={i.id === currentId ? "bg-brand-50/40" : undefined}
              >
                <td className="py-2 pr-2">
                  <Link href={`/users/${i.userId}`} className="font-medium text-slate-900 hover:underline">
                    {i.displayName}
                  </Link>
                  <span className="block text-xs break-all text-slate-500">{i.userPrincipalName}</span>
                </td>
                <td className="py-2 pr-2">
                  {i.serial ? <span className="font-mono">{i.serial}</span> : "—"}
                  {i.model ? <span className="block text-xs text-slate-500">{i.model}</span> : null}
                </td>
                <td className="py-2 pr-2">
                  <Badge tone={tone[i.status]}>{statusLabel(i)}</Badge>
                  {i.enrolledAt ? (
                    <span className="block text-xs text-slate-500">
                      {formatDateTime(i.enrolledAt)} by {i.enrolledBy}
                    </span>
                  ) : null}
                  {i.message && i.status !== "enrolled" ? (
                    <span className="block max-w-md text-xs text-slate-600">{i.message}</span>
                  ) : null}
                </td>
                <td className="py-2 text-right whitespace-nowrap">
                  {i.status === "failed" || (isOpen(i) && i.id !== currentId) ? (
                    <button
                      type="button"
                      disabled={isBusy}
                      onClick={() => onChoose(i.id)}
                      className="text-xs font-medium text-brand-700 hover:underline"
                    >
                      {i.status === "failed" ? "Retry" : "Do now"}
                    </button>
                  ) : null}
                  {i.status === "failed" || i.status === "queued" ? (
                    <button
                      type="button"
                      disabled={isBusy}
                      onClick={() => onSkip(i)}
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
      </div>
    </Panel>
  );
}
