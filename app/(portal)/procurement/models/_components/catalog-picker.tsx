import { inputClass } from "@/app/_components/form-field";

/** A plain GET form: choosing a catalogue product reloads the page with ?from=<its AAGUID>, which prefills the model form. */
export function CatalogPicker({
  products,
  selected,
}: {
  products: { ref: string; label: string }[];
  selected: string | null;
}) {
  return (
    <form method="get" className="flex flex-col gap-2 sm:flex-row sm:items-end" data-testid="catalog-picker">
      <label className="flex-1 text-sm font-medium text-slate-700">
        Security key
        <select name="from" defaultValue={selected ?? ""} className={`${inputClass} mt-1`}>
          <option value="">Choose a security key…</option>
          {products.map((p) => (
            <option key={p.ref} value={p.ref}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
      >
        Prefill
      </button>
    </form>
  );
}
