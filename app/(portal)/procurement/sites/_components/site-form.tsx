"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { siteCreateInput, siteKinds, type SiteInput } from "@/server/modules/inventory/inventory.schemas";
import { useForm } from "@/app/_lib/use-form";
import { useTRPC } from "@/app/_lib/trpc";
import { FormActions, FormMessage, SelectField, TextField } from "@/app/_components/form-field";

/** Create or edit a site; the server's schema validates here first, its CONFLICTs land on the field. */
export function SiteForm({ initial }: { initial: Partial<SiteInput> & { id?: string } }) {
  const router = useRouter();
  const trpc = useTRPC();
  const updateSite = useMutation(trpc.inventory.updateSite.mutationOptions());
  const createSite = useMutation(trpc.inventory.createSite.mutationOptions());
  const { f, set, field, errors, message, busy, save } = useForm({
    code: initial.code ?? "",
    name: initial.name ?? "",
    kind: initial.kind ?? "office",
    city: initial.city ?? "",
    country: initial.country ?? "",
    officeLocation: initial.officeLocation ?? "",
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void save(siteCreateInput.safeParse(f), async (data) => {
      const saved = initial.id
        ? await updateSite.mutateAsync({ ...data, id: initial.id })
        : await createSite.mutateAsync(data);
      router.push(`/procurement/sites?site=${saved.id}`);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" data-testid="site-form">
      <FormMessage message={message} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <TextField
          label="Code"
          hint="Short and unique, e.g. LON or AMS-WH"
          inputClassName="uppercase"
          {...field("code")}
        />
        <TextField label="Name" className="md:col-span-2" {...field("name")} />
        <SelectField
          label="Kind"
          options={siteKinds}
          labelOf={(k) => (k === "office" ? "Office" : "Warehouse")}
          {...field("kind")}
        />
        <TextField name="city" label="City" errors={errors} value={f.city} onChange={(v) => set("city", v)} />
        <TextField label="Country" {...field("country")} />
        <TextField
          label="Entra office location"
          className="md:col-span-3"
          hint="Users whose Entra officeLocation is exactly this belong to the site: the forecast counts their demand here. Leave blank for a warehouse."
          {...field("officeLocation")}
        />
      </div>
      <FormActions
        cancelHref="/procurement/sites"
        busy={busy}
        submitLabel={initial.id ? "Save site" : "Add site"}
      />
    </form>
  );
}
