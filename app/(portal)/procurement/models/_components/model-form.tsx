"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  formFactors,
  keyModelCreateInput,
  userVerifications,
  type KeyModelInput,
} from "@/server/modules/inventory/inventory.schemas";
import { api, problemOf } from "../../_components/api";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { formFactorLabel, userVerificationLabel } from "./labels";
import { Field, FormMessage, inputClass } from "@/app/_components/form-field";

export type ModelFormValues = Partial<KeyModelInput> & { id?: string };

/** The catalogue entry a model is made from, as the form shows it. */
export type CatalogRef = { ref: string; vendor: string; product: string } | null;

const num = (v: string) => (v.trim() === "" ? NaN : Number(v));

/** Create or edit a key model; validated with the server's own schema before it is sent. */
export function ModelForm({ initial, catalog = null }: { initial: ModelFormValues; catalog?: CatalogRef }) {
  const router = useRouter();
  const [f, setF] = useState({
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
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));

  async function submit(e: React.FormEvent) {
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
    const parsed = keyModelCreateInput.safeParse(candidate);
    if (!parsed.success) {
      setErrors(byField(fieldErrorsOf(parsed.error.issues), aaguidLines));
      setMessage("Some fields need fixing.");
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      if (initial.id) await api.inventory.updateModel.mutate({ ...parsed.data, id: initial.id });
      else await api.inventory.createModel.mutate(parsed.data);
      router.push("/procurement/models");
      router.refresh();
    } catch (err) {
      const p = problemOf(err);
      setErrors(byField(p.fieldErrors, aaguidLines));
      setMessage(p.message);
      setBusy(false);
    }
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
        <Field name="vendor" label="Vendor" errors={errors}>
          {(a) => (
            <input
              {...a}
              className={inputClass}
              value={f.vendor}
              onChange={(e) => set("vendor", e.target.value)}
            />
          )}
        </Field>
        <Field name="productName" label="Product name" errors={errors} className="md:col-span-2">
          {(a) => (
            <input
              {...a}
              className={inputClass}
              value={f.productName}
              onChange={(e) => set("productName", e.target.value)}
            />
          )}
        </Field>
        <Field name="formFactor" label="Form factor" errors={errors}>
          {(a) => (
            <select
              {...a}
              className={inputClass}
              value={f.formFactor}
              onChange={(e) => set("formFactor", e.target.value as typeof f.formFactor)}
            >
              {formFactors.map((v) => (
                <option key={v} value={v}>
                  {formFactorLabel(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="certification" label="Certification" hint="e.g. FIDO2 L1, FIPS 140-3 L2" errors={errors}>
          {(a) => (
            <input
              {...a}
              className={inputClass}
              value={f.certification}
              onChange={(e) => set("certification", e.target.value)}
            />
          )}
        </Field>
        <Field name="userVerification" label="User verification" errors={errors}>
          {(a) => (
            <select
              {...a}
              className={inputClass}
              value={f.userVerification}
              onChange={(e) => set("userVerification", e.target.value as typeof f.userVerification)}
            >
              {userVerifications.map((v) => (
                <option key={v} value={v}>
                  {userVerificationLabel(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="credentialSlots"
          label="Discoverable-credential slots"
          hint="Blank if unknown"
          errors={errors}
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              className={inputClass}
              value={f.credentialSlots}
              onChange={(e) => set("credentialSlots", e.target.value)}
            />
          )}
        </Field>
        <Field name="unitCostCents" label="Unit cost (€)" errors={errors}>
          {(a) => (
            <input
              {...a}
              inputMode="decimal"
              className={inputClass}
              value={f.unitCost}
              onChange={(e) => set("unitCost", e.target.value)}
            />
          )}
        </Field>
        <Field
          name="leadTimeDays"
          label="Lead time (days)"
          hint="From order to delivery; the forecast orders this early"
          errors={errors}
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              className={inputClass}
              value={f.leadTimeDays}
              onChange={(e) => set("leadTimeDays", e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">
          FIDO 2.1 features and availability
        </legend>
        <div className="flex flex-wrap gap-x-8 gap-y-2 text-sm text-slate-700">
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={f.supportsPinComplexity}
              onChange={(e) => set("supportsPinComplexity", e.target.checked)}
            />{" "}
            PIN complexity policy
          </label>
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={f.supportsForcedPinChange}
              onChange={(e) => set("supportsForcedPinChange", e.target.checked)}
            />{" "}
            Forced PIN change
          </label>
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={f.isActive}
              onChange={(e) => set("isActive", e.target.checked)}
            />{" "}
            Can be ordered (active)
          </label>
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
      <div className="flex justify-end gap-2">
        <Link
          href="/procurement/models"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
        >
          Cancel
        </Link>
        <button
          type="submit"
          disabled={isBusy}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {isBusy ? "Saving…" : initial.id ? "Save model" : "Add model"}
        </button>
      </div>
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
