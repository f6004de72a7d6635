"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Badge } from "@/app/_components/badge";
import { formatNumber } from "@/app/_components/format";
import { reorderPointInput } from "@/server/modules/inventory/inventory.schemas";
import { useForm } from "@/app/_lib/use-form";
import { useTRPC } from "@/app/_lib/trpc";
import { FieldError } from "@/app/_components/form-field";

export type ReorderRow = {
  modelId: string;
  model: string;
  inStock: number;
  onOrder: number;
  minimum: number | null;
};

/** One site's reorder point per model; each row saves on its own (Enter or Save). */
export function ReorderPoints({
  siteId,
  site,
  rows,
  canWrite,
}: {
  siteId: string;
  site: string;
  rows: ReorderRow[];
  canWrite: boolean;
}) {
  return (
    <table className="w-full text-left text-sm" data-testid="reorder-points">
      <caption className="sr-only">Reorder points at {site}</caption>
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1.5 pr-3">Model</th>
          <th className="pr-3 text-right">In stock</th>
          <th className="pr-3 text-right">On order</th>
          <th className="pr-3">Reorder when under</th>
          <th />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.modelId} data-testid={`reorder-${r.model}`}>
            <td className="py-1.5 pr-3">{r.model}</td>
            <td className="pr-3 text-right tabular-nums">{formatNumber(r.inStock)}</td>
            <td className="pr-3 text-right tabular-nums">{formatNumber(r.onOrder)}</td>
            <td className="pr-3 py-1.5">
              {canWrite ? (
                <ReorderPointForm siteId={siteId} site={site} row={r} />
              ) : (
                <span className="tabular-nums">{r.minimum ?? "—"}</span>
              )}
            </td>
            <td className="text-right">
              {r.minimum !== null && r.inStock < r.minimum ? <Badge tone="warning">Low stock</Badge> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One row's reorder point: its own small form, validated with the server's schema. */
function ReorderPointForm({ siteId, site, row: r }: { siteId: string; site: string; row: ReorderRow }) {
  const router = useRouter();
  const trpc = useTRPC();
  const setReorderPoint = useMutation(trpc.inventory.setReorderPoint.mutationOptions());
  const current = r.minimum?.toString() ?? "";
  const { f, set, errors, message, tone, busy, save } = useForm({ minimum: current });
  const isDirty = f.minimum.trim() !== current;
  const id = `rp-${r.modelId}`;
  // A problem that names no field (the model or the site went away) shows under the input too.
  const messages = errors.minimum ?? (tone === "error" && message ? [message] : undefined);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const minimum = f.minimum.trim() === "" ? 0 : Number(f.minimum);
    void save(reorderPointInput.safeParse({ siteId, modelId: r.modelId, minimum }), async (data) => {
      await setReorderPoint.mutateAsync(data);
      router.refresh();
      return "Saved";
    });
  }

  return (
    <>
      <form className="flex items-center gap-2" onSubmit={submit}>
        <label className="sr-only" htmlFor={id}>
          Reorder point for {r.model} at {site}
        </label>
        <input
          id={id}
          inputMode="numeric"
          placeholder="none"
          value={f.minimum}
          aria-invalid={Boolean(messages?.length)}
          aria-describedby={`rp-err-${r.modelId}`}
          onChange={(e) => set("minimum", e.target.value)}
          className="w-24 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums aria-[invalid=true]:border-red-500"
        />
        <button
          type="submit"
          disabled={!isDirty || busy}
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-40"
        >
          {busy ? "Saving…" : "Save"}
        </button>
        {tone === "ok" && message && !isDirty ? (
          <span role="status" className="text-xs text-emerald-700">
            {message}
          </span>
        ) : null}
      </form>
      <FieldError id={`rp-err-${r.modelId}`} messages={messages} />
    </>
  );
}
