"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { CheckboxField, FieldError, FormMessage, SelectField, TextField } from "@/app/_components/form-field";
import { Modal } from "@/app/_components/modal";
import { useForm } from "@/app/_lib/use-form";
import { useTRPC } from "@/app/_lib/trpc";
import { waveInput, type Wave } from "@/server/modules/rollout/rollout.schemas";
import { Checks, GroupPicker, type Group } from "./wave-form-fields";
import { isoDay } from "@/server/lib/time";
import { primaryButton, secondaryButton } from "@/app/_components/styles";

export interface FilterChoices {
  departments: { name: string; users: number }[];
  sites: { id: string; code: string; name: string }[];
  models: { id: string; name: string }[];
}
const day = (d: Date | null | undefined) => (d ? isoDay(d) : "");
const toDate = (v: string) => (v ? new Date(`${v}T00:00:00Z`) : null);

/** Create or edit a wave, validated with the server's schema before it is sent. */
export function WaveForm({
  wave,
  choices,
  onClose,
  onSaved,
}: {
  wave: Wave | null;
  choices: FilterChoices;
  onClose: () => void;
  onSaved: (r: { members: number; membersPending: boolean }, name: string) => void;
}) {
  const titleId = useId();
  const router = useRouter();
  const trpc = useTRPC();
  const updateWave = useMutation(trpc.rollout.updateWave.mutationOptions());
  const createWave = useMutation(trpc.rollout.createWave.mutationOptions());
  const source = wave?.source;
  const { f, set, field, check, errors, message, busy, save } = useForm(
    {
      name: wave?.name ?? "",
      kind: source?.kind ?? "groups",
      groups: source?.kind === "groups" ? source.groups : ([] as Group[]),
      departments: source?.kind === "filter" ? source.department : [],
      sites: source?.kind === "filter" ? source.siteId : [],
      start: day(wave?.startDate),
      deadline: day(wave?.registrationDeadline),
      enforce: day(wave?.enforcementDate),
      target: String(wave?.targetPercent ?? 95),
      backup: wave?.requiresBackupKey ?? false,
      model: wave?.preferredModel?.id ?? "",
    },
    { clearOnEdit: true },
  );
  const models = new Map(choices.models.map((m) => [m.id, m.name]));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = waveInput.safeParse({
      name: f.name,
      source:
        f.kind === "groups"
          ? { kind: f.kind, groups: f.groups }
          : { kind: f.kind, department: f.departments, siteId: f.sites },
      startDate: toDate(f.start) ?? undefined,
      registrationDeadline: toDate(f.deadline) ?? undefined,
      enforcementDate: toDate(f.enforce),
      targetPercent: Number(f.target),
      requiresBackupKey: f.backup,
      preferredModelId: f.model || null,
    });
    void save(parsed, async (body) => {
      const r = wave
        ? await updateWave.mutateAsync({ ...body, id: wave.id, updatedAt: wave.updatedAt })
        : await createWave.mutateAsync(body);
      onSaved(r, body.name);
      router.refresh();
    });
  };
  const sourceError = errors["source.groups"] ?? errors["source.department"];
  return (
    <Modal open onClose={onClose} labelledBy={titleId} className="max-w-2xl">
      <form onSubmit={submit} noValidate>
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {wave ? `Edit ${wave.name}` : "New rollout wave"}
          </h2>
          <FormMessage message={message} />
          <TextField label="Name" {...field("name")} />
          <fieldset>
            <legend className="mb-1 text-xs font-medium text-slate-600">Who is in it</legend>
            <div className="mb-2 flex gap-4 text-sm">
              {(
                [
                  ["groups", "Entra groups"],
                  ["filter", "Departments and sites"],
                ] as const
              ).map(([kind, label]) => (
                <label key={kind} className="flex items-center gap-1.5">
                  <input
                    type="radio"
                    name="kind"
                    checked={f.kind === kind}
                    onChange={() => set("kind", kind)}
                  />{" "}
                  {label}
                </label>
              ))}
            </div>
            {f.kind === "groups" ? (
              <GroupPicker selected={f.groups} onChange={(g) => set("groups", g)} />
            ) : (
              <div className="grid grid-cols-2 gap-3">
                <Checks
                  label="Departments"
                  options={choices.departments.map((d) => ({
                    value: d.name,
                    label: `${d.name} (${d.users})`,
                  }))}
                  selected={f.departments}
                  onChange={(d) => set("departments", d)}
                />
                <Checks
                  label="Sites"
                  options={choices.sites.map((s) => ({ value: s.id, label: `${s.code} — ${s.name}` }))}
                  selected={f.sites}
                  onChange={(v) => set("sites", v)}
                />
              </div>
            )}
            <FieldError id="err-source" messages={sourceError?.slice(0, 1)} />
          </fieldset>
          <div className="grid grid-cols-4 items-end gap-3">
            <TextField label="Start" type="date" {...field("start", "startDate")} />
            <TextField
              label="Registration deadline"
              type="date"
              {...field("deadline", "registrationDeadline")}
            />
            <TextField label="Enforcement (optional)" type="date" {...field("enforce", "enforcementDate")} />
            <TextField
              label="Target %"
              type="number"
              min={1}
              max={100}
              {...field("target", "targetPercent")}
            />
          </div>
          <CheckboxField
            label="Everyone in this wave needs a backup key (two keys)"
            {...check("backup")}
            className="flex items-center gap-2 text-sm"
          />
          <SelectField
            label="Preferred model for auto-assign"
            options={["", ...models.keys()]}
            labelOf={(id) => (id ? `${models.get(id)} only` : "Any model in the site's stock")}
            {...field("model", "preferredModelId")}
          />
        </div>
        <div className="flex items-center justify-between gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
          <p className="text-xs text-slate-500">Saving sets the members now; nothing changes in Entra.</p>
          <div className="flex gap-2">
            <button type="button" onClick={onClose} className={secondaryButton}>
              Cancel
            </button>
            <button type="submit" disabled={busy} className={primaryButton}>
              {busy ? "Saving…" : wave ? "Save wave" : "Create wave"}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
