"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { poCreateInput } from "@/server/modules/procurement/procurement.schemas";
import { problemOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { isoDay } from "@/server/lib/time";

type Option = { id: string; label: string; vendor?: string; unitCostCents?: number };
type Line = { modelId: string; quantity: string; unitCost: string };

const input =
  "mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500";

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  return messages?.length ? (
    <p id={id} className="mt-1 text-xs text-red-700">
      {messages.join(" ")}
    </p>
  ) : null;
}

/**
 * A draft being edited (its id and current fields; lines keep their cost as it was ordered), or without an
 * id the fields a new order starts from (a forecast recommendation).
 */
export type PoDraft = {
  id?: string;
  vendor: string;
  siteId: string;
  expectedDate: Date | null;
  notes: string | null;
  lines: { modelId: string; quantity: number; unitCostCents: number }[];
};

export function PoForm({ sites, models, draft }: { sites: Option[]; models: Option[]; draft?: PoDraft }) {
  const router = useRouter();
  const trpc = useTRPC();
  const updateDraft = useMutation(trpc.procurement.updateDraft.mutationOptions());
  const create = useMutation(trpc.procurement.create.mutationOptions());
  const [vendor, setVendor] = useState(draft?.vendor ?? "");
  const [siteId, setSiteId] = useState(draft?.siteId ?? sites[0]?.id ?? "");
  const [expectedDate, setExpectedDate] = useState(draft?.expectedDate ? isoDay(draft.expectedDate) : "");
  const [notes, setNotes] = useState(draft?.notes ?? "");
  const [lines, setLines] = useState<Line[]>(
    draft?.lines.map((l) => ({
      modelId: l.modelId,
      quantity: String(l.quantity),
      unitCost: (l.unitCostCents / 100).toFixed(2),
    })) ?? [{ modelId: "", quantity: "", unitCost: "" }],
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const setLine = (i: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const pickModel = (i: number, modelId: string) => {
    const m = models.find((x) => x.id === modelId);
    setLine(i, {
      modelId,
      unitCost:
        m?.unitCostCents !== undefined && !lines[i]!.unitCost
          ? (m.unitCostCents / 100).toFixed(2)
          : lines[i]!.unitCost,
    });
    if (m?.vendor && !vendor) setVendor(m.vendor);
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const candidate = {
      vendor,
      siteId,
      expectedDate: expectedDate ? new Date(`${expectedDate}T00:00:00Z`) : null,
      notes: notes || null,
      lines: lines.map((l) => ({
        modelId: l.modelId,
        quantity: l.quantity === "" ? NaN : Number(l.quantity),
        unitCostCents: l.unitCost === "" ? NaN : Math.round(Number(l.unitCost) * 100),
      })),
    };
    // The server's own schema, so the form and the API agree on every rule.
    const parsed = poCreateInput.safeParse(candidate);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error.issues));
      setMessage("Some fields need fixing.");
      return;
    }
    setBusy(true);
    try {
      const po = draft?.id
        ? await updateDraft.mutateAsync({ ...parsed.data, id: draft.id })
        : await create.mutateAsync(parsed.data);
      router.push(`/procurement/orders/${po.id}`);
      if (draft?.id) router.refresh();
    } catch (err) {
      const p = problemOf(err);
      setErrors(p.fieldErrors);
      setMessage(p.message);
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-5"
      aria-describedby={message ? "po-form-message" : undefined}
    >
      {message ? (
        <p id="po-form-message" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <label className="block text-sm font-medium text-slate-700">
          Vendor
          <input
            className={input}
            value={vendor}
            onChange={(e) => setVendor(e.target.value)}
            aria-invalid={Boolean(errors.vendor)}
            aria-describedby="err-vendor"
          />
          <FieldError id="err-vendor" messages={errors.vendor} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Receiving site
          <select
            className={input}
            value={siteId}
            onChange={(e) => setSiteId(e.target.value)}
            aria-invalid={Boolean(errors.siteId)}
          >
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
          <FieldError id="err-site" messages={errors.siteId} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Expected date
          <input
            type="date"
            className={input}
            value={expectedDate}
            onChange={(e) => setExpectedDate(e.target.value)}
            aria-invalid={Boolean(errors.expectedDate)}
          />
          <FieldError id="err-date" messages={errors.expectedDate} />
        </label>
      </div>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Lines</legend>
        <FieldError id="err-lines" messages={errors.lines} />
        <div className="mt-2 space-y-3">
          {lines.map((l, i) => (
            <div key={i} className="grid grid-cols-12 items-start gap-3" data-testid={`po-line-${i}`}>
              <label className="col-span-6 block text-sm text-slate-700">
                Model
                <select
                  className={input}
                  value={l.modelId}
                  onChange={(e) => pickModel(i, e.target.value)}
                  aria-invalid={Boolean(errors[`lines.${i}.modelId`])}
                >
                  <option value="">Choose a model…</option>
                  {models.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.label}
                    </option>
                  ))}
                </select>
                <FieldError id={`err-l${i}-model`} messages={errors[`lines.${i}.modelId`]} />
              </label>
              <label className="col-span-2 block text-sm text-slate-700">
                Quantity
                <input
                  inputMode="numeric"
                  className={input}
                  value={l.quantity}
                  onChange={(e) => setLine(i, { quantity: e.target.value })}
                  aria-invalid={Boolean(errors[`lines.${i}.quantity`])}
                />
                <FieldError id={`err-l${i}-qty`} messages={errors[`lines.${i}.quantity`]} />
              </label>
              <label className="col-span-3 block text-sm text-slate-700">
                Unit cost (€)
                <input
                  inputMode="decimal"
                  className={input}
                  value={l.unitCost}
                  onChange={(e) => setLine(i, { unitCost: e.target.value })}
                  aria-invalid={Boolean(errors[`lines.${i}.unitCostCents`])}
                />
                <FieldError id={`err-l${i}-cost`} messages={errors[`lines.${i}.unitCostCents`]} />
              </label>
              <button
                type="button"
                aria-label={`Remove line ${i + 1}`}
                disabled={lines.length === 1}
                onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                className="col-span-1 mt-7 justify-self-start rounded p-1.5 text-slate-500 hover:bg-slate-100 disabled:opacity-30"
              >
                <Trash2 className="size-4" aria-hidden />
              </button>
            </div>
          ))}
        </div>
        <button
          type="button"
          onClick={() => setLines((ls) => [...ls, { modelId: "", quantity: "", unitCost: "" }])}
          className="mt-3 inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline"
        >
          <Plus className="size-4" aria-hidden /> Add a line
        </button>
      </fieldset>
      <label className="block text-sm font-medium text-slate-700">
        Notes
        <textarea className={input} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <div className="flex justify-end">
        <button
          type="submit"
          disabled={isBusy}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {isBusy ? "Saving…" : draft?.id ? "Save draft" : "Create draft order"}
        </button>
      </div>
    </form>
  );
}
