import { notFound } from "next/navigation";
import { formatDateTime } from "@/app/_components/format";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { PrintButton } from "../../_components/print-button";

export const metadata = { title: "Handover sheet" };

// The paper that goes with the keys: who got which key, when and from whom. There is nothing secret to print:
// the PIN is set by the person at the key, and the portal never had it.
export default async function HandoverSheetPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("enrollment.write");
  const { id } = await params;
  const api = await serverCaller();
  const queue = await api.enrollment.queue({ batchId: id }).catch(() => notFound());
  const rows = queue.items.filter((i) => i.status === "enrolled");
  const forcedPin = rows.some((r) => r.supportsForcedPinChange);
  return (
    <article className="mx-auto max-w-4xl bg-white p-8 text-sm text-slate-900 print:p-0">
      <header className="mb-4 flex items-start justify-between">
        <div>
          <h1 className="text-xl font-semibold">Security key handover: {queue.name}</h1>
          <p className="text-slate-600">
            Queue created by {queue.createdBy} on {formatDateTime(queue.createdAt)}. {rows.length} key
            {rows.length === 1 ? "" : "s"} enrolled in Entra.
          </p>
        </div>
        <PrintButton />
      </header>
      <table className="w-full border-collapse text-left" data-testid="handover-sheet">
        <thead>
          <tr className="border-b border-slate-400">
            <th className="py-1.5">Person</th>
            <th className="py-1.5">Serial</th>
            <th className="py-1.5">Model</th>
            <th className="py-1.5">Enrolled at</th>
            <th className="py-1.5">By</th>
            <th className="py-1.5">Handover</th>
            {forcedPin ? <th className="py-1.5">PIN change</th> : null}
            <th className="py-1.5">Received (signature)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-200">
              <td className="py-2">
                {r.displayName}
                <span className="block text-xs text-slate-500">{r.userPrincipalName}</span>
              </td>
              <td className="py-2 pr-3 font-mono">{r.serial}</td>
              <td className="py-2">{r.model}</td>
              <td className="py-2">{formatDateTime(r.enrolledAt)}</td>
              <td className="py-2">{r.enrolledBy}</td>
              <td className="py-2">{r.handover === "shipped" ? "To ship" : "Handed over"}</td>
              {forcedPin ? (
                <td className="py-2">
                  {r.supportsForcedPinChange ? "Model supports forced PIN change" : "—"}
                </td>
              ) : null}
              <td className="py-2" />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-4 text-xs text-slate-600">
        The PIN of each key was chosen by its holder at the key and is known to nobody else; KeyFleet never
        saw or stored it.
      </p>
    </article>
  );
}
