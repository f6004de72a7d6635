"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { siteCreateInput, siteKinds, type SiteInput } from "@/server/modules/inventory/inventory.schemas";
import { api, problemOf } from "../../_components/api";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { Field, FormMessage, inputClass } from "@/app/_components/form-field";

/** Create or edit a site; the server's schema validates here first, its CONFLICTs land on the field. */
export function SiteForm({ initial }: { initial: Partial<SiteInput> & { id?: string } }) {
  const router = useRouter();
  const [f, setF] = useState({
    code: initial.code ?? "",
    name: initial.name ?? "",
    kind: initial.kind ?? "office",
    city: initial.city ?? "",
    country: initial.country ?? "",
    officeLocation: initial.officeLocation ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = siteCreateInput.safeParse(f);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error.issues));
      setMessage("Some fields need fixing.");
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = initial.id
        ? await api.inventory.updateSite.mutate({ ...parsed.data, id: initial.id })
        : await api.inventory.createSite.mutate(parsed.data);
      router.push(`/procurement/sites?site=${saved.id}`);
      router.refresh();
    } catch (err) {
      const p = problemOf(err);
      setErrors(p.fieldErrors);
      setMessage(p.message);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" data-testid="site-form">
      <FormMessage message={message} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Field name="code" label="Code" hint="Short and unique, e.g. LON or AMS-WH" errors={errors}>
          {(a) => (
            <input
              {...a}
              className={`${inputClass} uppercase`}
              value={f.code}
              onChange={(e) => set("code", e.target.value)}
            />
          )}
        </Field>
        <Field name="name" label="Name" errors={errors} className="md:col-span-2">
          {(a) => (
            <input
              {...a}
              className={inputClass}
              value={f.name}
              onChange={(e) => set("name", e.target.value)}
            />
          )}
        </Field>
        <Field name="kind" label="Kind" errors={errors}>
          {(a) => (
            <select
              {...a}
              className={inputClass}
              value={f.kind}
              onChange={(e) => set("kind", e.target.value as typeof f.kind)}
            >
              {siteKinds.map((k) => (
                <option key={k} value={k}>
                  {k === "office" ? "Office" : "Warehouse"}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="city" label="City" errors={errors}>
          {(a) => (
            <input
              {...a}
              className={inputClass}
              value={f.city}
              onChange={(e) => set("city", e.target.value)}
            />
          )}
        </Field>
        <Field name="country" label="Country" errors={errors}>
          {(a) => (
            <input
              {...a}
              className={inputClass}
              value={f.country}
              onChange={(e) => set("country", e.target.value)}
            />
          )}
        </Field>
        <Field
          name="officeLocation"
          label="Entra office location"
          className="md:col-span-3"
          errors={errors}
          hint="Users whose Entra officeLocation is exactly this belong to the site: the forecast counts their demand here. Leave blank for a warehouse."
        >
          {(a) => (
            <input
              {...a}
              className={inputClass}
              value={f.officeLocation}
              onChange={(e) => set("officeLocation", e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="flex justify-end gap-2">
        <Link
          href="/procurement/sites"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
        >
          Cancel
        </Link>
        <button
          type="submit"
          disabled={isBusy}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {isBusy ? "Saving…" : initial.id ? "Save site" : "Add site"}
        </button>
      </div>
    </form>
  );
}
