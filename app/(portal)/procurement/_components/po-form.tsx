"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { poCreateInput } from "@/server/modules/procurement/procurement.schemas";
import {
  Field,
  FieldError,
  FormMessage,
  inputClass,
  SelectField,
  SubmitButton,
  TextField,
} from "@/app/_components/form-field";
import { useForm } from "@/app/_lib/use-form";
import { useTRPC } from "@/app/_lib/trpc";
import { isoDay } from "@/server/lib/time";

type Option = { id: string; label: string; vendor?: string; unitCostCents?: number };
type Line = { modelId: string; quantity: string; unitCost: string };

const cents = (v: string) => (v === "" ? NaN : Math.round(Number(v) * 100));
const euros = (c: number) => (c / 100).toFixed(2);

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
  const { f, set, update, field, errors, message, busy, save } = useForm({
    vendor: draft?.vendor ?? "",
    siteId: draft?.siteId ?? sites[0]?.id ?? "",
    expectedDate: draft?.expectedDate ? isoDay(draft.expectedDate) : "",
    notes: draft?.notes ?? "",
    lines: draft?.lines.map((l) => ({
      modelId: l.modelId,
      quantity: String(l.quantity),
      unitCost: euros(l.unitCostCents),
    })) ?? [{ modelId: "", quantity: "", unitCost: "" }],
  });
  const siteLabel = new Map(sites.map((s) => [s.id, s.label]));
  const modelLabel = new Map(models.map((m) => [m.id, m.label]));
  const setLines = (change: (ls: Line[]) => Line[]) => update((x) => ({ ...x, lines: change(x.lines) }));
  const setLine = (i: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  /** A line's text field: its value, and the schema path its errors carry. */
  const lineField = (i: number, k: "quantity" | "unitCost", path: string) => ({
    name: `lines.${i}.${path}`,
    errors,
    value: f.lines[i]![k],
    onChange: (v: string) => setLine(i, { [k]: v }),
  });
  const pickModel = (i: number, modelId: string) => {
    const m = models.find((x) => x.id === modelId);
    const unitCost = f.lines[i]!.unitCost;
    setLine(i, {
      modelId,
      unitCost: m?.unitCostCents !== undefined && !unitCost ? euros(m.unitCostCents) : unitCost,
    });
    if (m?.vendor && !f.vendor) set("vendor", m.vendor);
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    // The server's own schema, so the form and the API agree on every rule.
    const parsed = poCreateInput.safeParse({
      vendor: f.vendor,
      siteId: f.siteId,
      expectedDate: f.expectedDate ? new Date(`${f.expectedDate}T00:00:00Z`) : null,
      notes: f.notes || null,
      lines: f.lines.map((l) => ({
        modelId: l.modelId,
        quantity: l.quantity === "" ? NaN : Number(l.quantity),
        unitCostCents: cents(l.unitCost),
      })),
    });
    void save(parsed, async (data) => {
      const po = draft?.id
        ? await updateDraft.mutateAsync({ ...data, id: draft.id })
        : await create.mutateAsync(data);
      router.push(`/procurement/orders/${po.id}`);
      if (draft?.id) router.refresh();
    });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-5"
      aria-describedby={message ? "po-form-message" : undefined}
    >
      <FormMessage id="po-form-message" message={message} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <TextField label="Vendor" {...field("vendor")} />
        <SelectField
          label="Receiving site"
          options={sites.map((s) => s.id)}
          labelOf={(id) => siteLabel.get(id) ?? id}
          {...field("siteId")}
        />
        <TextField label="Expected date" type="date" {...field("expectedDate")} />
      </div>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Lines</legend>
        <FieldError id="err-lines" messages={errors.lines} />
        <div className="mt-2 space-y-3">
          {f.lines.map((l, i) => (
            <div key={i} className="grid grid-cols-12 items-start gap-3" data-testid={`po-line-${i}`}>
              <SelectField
                name={`lines.${i}.modelId`}
                label="Model"
                errors={errors}
                className="col-span-6"
                options={["", ...modelLabel.keys()]}
                labelOf={(id) => (id ? (modelLabel.get(id) ?? id) : "Choose a model…")}
                value={l.modelId}
                onChange={(v) => pickModel(i, v)}
              />
              <TextField
                label="Quantity"
                className="col-span-2"
                inputMode="numeric"
                {...lineField(i, "quantity", "quantity")}
              />
              <TextField
                label="Unit cost (€)"
                className="col-span-3"
                inputMode="decimal"
                {...lineField(i, "unitCost", "unitCostCents")}
              />
              <button
                type="button"
                aria-label={`Remove line ${i + 1}`}
                disabled={f.lines.length === 1}
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
      <Field name="notes" label="Notes" errors={errors}>
        {(a) => (
          <textarea
            {...a}
            className={inputClass}
            rows={2}
            value={f.notes}
            onChange={(e) => set("notes", e.target.value)}
          />
        )}
      </Field>
      <div className="flex justify-end">
        <SubmitButton busy={busy} label={draft?.id ? "Save draft" : "Create draft order"} />
      </div>
    </form>
  );
}
