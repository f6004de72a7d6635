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
  const { f, set, field, check, errors, message, busy, save } = useForm({
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
        <TextField label="Vendor" {...field("vendor")} />
        <TextField label="Product name" className="md:col-span-2" {...field("productName")} />
        <SelectField
          label="Form factor"
          options={formFactors}
          labelOf={formFactorLabel}
          {...field("formFactor")}
        />
        <TextField label="Certification" hint="e.g. FIDO2 L1, FIPS 140-3 L2" {...field("certification")} />
        <SelectField
          label="User verification"
          options={userVerifications}
          labelOf={userVerificationLabel}
          {...field("userVerification")}
        />
        <TextField
          label="Discoverable-credential slots"
          hint="Blank if unknown"
          inputMode="numeric"
          {...field("credentialSlots")}
        />
        <TextField label="Unit cost (€)" inputMode="decimal" {...field("unitCost", "unitCostCents")} />
        <TextField
          label="Lead time (days)"
          hint="From order to delivery; the forecast orders this early"
          inputMode="numeric"
          {...field("leadTimeDays")}
        />
      </div>
      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">
          FIDO 2.1 features and availability
        </legend>
        <div className="flex flex-wrap gap-x-8 gap-y-2 text-sm text-slate-700">
          <CheckboxField label="PIN complexity policy" {...check("supportsPinComplexity")} />
          <CheckboxField label="Forced PIN change" {...check("supportsForcedPinChange")} />
          <CheckboxField label="Can be ordered (active)" {...check("isActive")} />
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
