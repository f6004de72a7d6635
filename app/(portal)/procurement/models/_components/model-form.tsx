"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import {
  formFactors,
  keyModelCreateInput,
  userVerifications,
  type KeyModelInput,
} from "@/server/modules/inventory/inventory.schemas";
import { useForm } from "@/app/_lib/use-form";
import { useTRPC } from "@/app/_lib/trpc";
import { formFactorLabel, userVerificationLabel } from "./labels";
import {
  CheckboxField,
  Field,
  FormActions,
  FormMessage,
  inputClass,
  SelectField,
  TextField,
} from "@/app/_components/form-field";

export type ModelFormValues = Partial<KeyModelInput> & { id?: string };

/** The catalogue entry a model is made from, as the form shows it. */
export type CatalogRef = { ref: string; vendor: string; product: string } | null;

const num = (v: string) => (v.trim() === "" ? NaN : Number(v));

/** Create or edit a key model; validated with the server's own schema before it is sent. */
export function ModelForm({ initial, catalog = null }: { initial: ModelFormValues; catalog?: CatalogRef }) {
  const router = useRouter();
  const trpc = useTRPC();
  const updateModel = useMutation(trpc.inventory.updateModel.mutationOptions());
  const createModel = useMutation(trpc.inventory.createModel.mutationOptions());
  const { f, set, errors, message, busy, save } = useForm({
    vendor: initial.vendor ?? "",
    productName: initial.productName ?? "",
    formFactor: initial.formFactor ?? "usb_a_nfc",
    certification: initial.certification ?? "",
    userVerification: initial.userVerification ?? "pin",
    credentialSlots: initial.credentialSlots?.toString() ?? "",
    supportsPinComplexity: initial.supportsPinComplexity ?? false,
    supportsForcedPinChange: initial.supportsForcedPinChange ?? false,
    unitCost: initial.unitCostCents !== undefined ? (initial.unitCostCents / 100).toFixed(2) : "",
    leadTimeDays: initial.leadTimeDays?.toString() ?? "14",
    isActive: initial.isActive ?? true,
    aaguids: (initial.aaguids ?? []).join("\n"),
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const aaguidLines = f.aaguids.split(/[\s,]+/).filter(Boolean);
    const candidate = {
      vendor: f.vendor,
      productName: f.productName,
      formFactor: f.formFactor,
      certification: f.certification.trim() || null,
      userVerification: f.userVerification,
      credentialSlots: f.credentialSlots.trim() === "" ? null : num(f.credentialSlots),
      supportsPinComplexity: f.supportsPinComplexity,
      supportsForcedPinChange: f.supportsForcedPinChange,
      unitCostCents: f.unitCost.trim() === "" ? NaN : Math.round(Number(f.unitCost.replace(",", ".")) * 100),
      leadTimeDays: num(f.leadTimeDays),
      isActive: f.isActive,
      aaguids: aaguidLines,
      catalogAaguid: catalog?.ref ?? initial.catalogAaguid ?? null,
    };
    void save(
      keyModelCreateInput.safeParse(candidate),
      async (data) => {
        if (initial.id) await updateModel.mutateAsync({ ...data, id: initial.id });
        else await createModel.mutateAsync(data);
        router.push("/procurement/models");
        router.refresh();
      },
      (errs) => byField(errs, aaguidLines),
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" data-testid="model-form">
      <FormMessage message={message} />
      {catalog ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700" data-testid="catalog-ref">
          From the built-in catalogue:{" "}
          <strong>
            {catalog.vendor} {catalog.product}
          </strong>
          . Add what you buy: unit cost, lead time, slots.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <TextField
          name="vendor"
          label="Vendor"
          errors={errors}
          value={f.vendor}
          onChange={(v) => set("vendor", v)}
        />
        <TextField
          name="productName"
          label="Product name"
          errors={errors}
          className="md:col-span-2"
          value={f.productName}
          onChange={(v) => set("productName", v)}
        />
        <SelectField
          name="formFactor"
          label="Form factor"
          errors={errors}
          value={f.formFactor}
          onChange={(v) => set("formFactor", v)}
          options={formFactors}
          labelOf={formFactorLabel}
        />
        <TextField
          name="certification"
          label="Certification"
          hint="e.g. FIDO2 L1, FIPS 140-3 L2"
          errors={errors}
          value={f.certification}
          onChange={(v) => set("certification", v)}
        />
        <SelectField
          name="userVerification"
          label="User verification"
          errors={errors}
          value={f.userVerification}
          onChange={(v) => set("userVerification", v)}
          options={userVerifications}
          labelOf={userVerificationLabel}
        />
        <TextField
          name="credentialSlots"
          label="Discoverable-credential slots"
          hint="Blank if unknown"
          errors={errors}
          inputMode="numeric"
          value={f.credentialSlots}
          onChange={(v) => set("credentialSlots", v)}
        />
        <TextField
          name="unitCostCents"
          label="Unit cost (€)"
          errors={errors}
          inputMode="decimal"
          value={f.unitCost}
          onChange={(v) => set("unitCost", v)}
        />
        <TextField
          name="leadTimeDays"
          label="Lead time (days)"
          hint="From order to delivery; the forecast orders this early"
          errors={errors}
          inputMode="numeric"
          value={f.leadTimeDays}
          onChange={(v) => set("leadTimeDays", v)}
        />
      </div>
      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">
          FIDO 2.1 features and availability
        </legend>
        <div className="flex flex-wrap gap-x-8 gap-y-2 text-sm text-slate-700">
          <CheckboxField
            label="PIN complexity policy"
            checked={f.supportsPinComplexity}
            onChange={(v) => set("supportsPinComplexity", v)}
          />
          <CheckboxField
            label="Forced PIN change"
            checked={f.supportsForcedPinChange}
            onChange={(v) => set("supportsForcedPinChange", v)}
          />
          <CheckboxField
            label="Can be ordered (active)"
            checked={f.isActive}
            onChange={(v) => set("isActive", v)}
          />
        </div>
      </fieldset>
      <Field
        name="aaguids"
        label="AAGUIDs"
        hint="One per line. An AAGUID names a make and model family; several models may share one."
        errors={errors}
      >
        {(a) => (
          <textarea
            {...a}
            rows={3}
            spellCheck={false}
            className={`${inputClass} font-mono text-xs`}
            value={f.aaguids}
            onChange={(e) => set("aaguids", e.target.value)}
          />
        )}
      </Field>
      <FormActions
        cancelHref="/procurement/models"
        busy={busy}
        submitLabel={initial.id ? "Save model" : "Add model"}
      />
    </form>
  );
}

/** `aaguids.2` → a message under the AAGUIDs field naming the offending value. */
function byField(errors: Record<string, string[]>, aaguids: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^aaguids\.(\d+)$/.exec(k);
    if (m) (out.aaguids ??= []).push(`"${aaguids[Number(m[1])] ?? ""}": ${v.join(" ")}`);
    else out[k] = v;
  }
  return out;
}
