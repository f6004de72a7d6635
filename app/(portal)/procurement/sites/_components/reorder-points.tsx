"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/app/_components/badge";
import { formatNumber } from "@/app/_components/format";
import { reorderPointInput } from "@/server/modules/inventory/inventory.schemas";
import { api, problemOf } from "../../_components/api";
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
  const router = useRouter();
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(rows.map((r) => [r.modelId, r.minimum?.toString() ?? ""])),
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function save(r: ReorderRow) {
    const raw = draft[r.modelId] ?? "";
    const parsed = reorderPointInput.safeParse({
      siteId,
      modelId: r.modelId,
      minimum: raw.trim() === "" ? 0 : Number(raw),
    });
    if (!parsed.success)
      return setErrors((e) => ({ ...e, [r.modelId]: parsed.error.issues.map((i) => i.message) }));
    setBusy(r.modelId);
    setErrors((e) => ({ ...e, [r.modelId]: [] }));
    try {
      await api.inventory.setReorderPoint.mutate(parsed.data);
      setSaved((s) => ({ ...s, [r.modelId]: true }));
      router.refresh();
    } catch (e) {
      const p = problemOf(e);
      setErrors((x) => ({ ...x, [r.modelId]: p.fieldErrors.minimum ?? [p.message] }));
    } finally {
      setBusy(null);
    }
  }

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
        {rows.map((r) => {
          const value = draft[r.modelId] ?? "";
          const current = r.minimum?.toString() ?? "";
          const isDirty = value.trim() !== current;
          const isLow = r.minimum !== null && r.inStock < r.minimum;
          return (
            <tr key={r.modelId} data-testid={`reorder-${r.model}`}>
              <td className="py-1.5 pr-3">{r.model}</td>
              <td className="pr-3 text-right tabular-nums">{formatNumber(r.inStock)}</td>
              <td className="pr-3 text-right tabular-nums">{formatNumber(r.onOrder)}</td>
              <td className="pr-3 py-1.5">
                {canWrite ? (
                  <form
                    className="flex items-center gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void save(r);
                    }}
                  >
                    <label className="sr-only" htmlFor={`rp-${r.modelId}`}>
                      Reorder point for {r.model} at {site}
                    </label>
                    <input
                      id={`rp-${r.modelId}`}
                      inputMode="numeric"
                      placeholder="none"
                      value={value}
                      aria-invalid={Boolean(errors[r.modelId]?.length)}
                      aria-describedby={`rp-err-${r.modelId}`}
                      onChange={(e) => {
                        setDraft((d) => ({ ...d, [r.modelId]: e.target.value }));
                        setSaved((s) => ({ ...s, [r.modelId]: false }));
                      }}
                      className="w-24 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums aria-[invalid=true]:border-red-500"
                    />
                    <button
                      type="submit"
                      disabled={!isDirty || busy === r.modelId}
                      className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-40"
                    >
                      {busy === r.modelId ? "Saving…" : "Save"}
                    </button>
                    {saved[r.modelId] && !isDirty ? (
                      <span role="status" className="text-xs text-emerald-700">
                        Saved
                      </span>
                    ) : null}
                  </form>
                ) : (
                  <span className="tabular-nums">{r.minimum ?? "—"}</span>
                )}
                <FieldError id={`rp-err-${r.modelId}`} messages={errors[r.modelId]} />
              </td>
              <td className="text-right">{isLow ? <Badge tone="warning">Low stock</Badge> : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
