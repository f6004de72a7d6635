"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { Modal } from "@/app/_components/modal";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import { waveInput, type Wave } from "@/server/modules/rollout/rollout.schemas";
import { Checks, Field, GroupPicker, input, type Group } from "./wave-form-fields";
import { isoDay } from "@/server/lib/time";

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
  const save = useAction();
  const trpc = useTRPC();
  const updateWave = useMutation(trpc.rollout.updateWave.mutationOptions());
  const createWave = useMutation(trpc.rollout.createWave.mutationOptions());
  const [kind, setKind] = useState<"groups" | "filter">(wave?.source.kind ?? "groups");
  const [groups, setGroups] = useState<Group[]>(wave?.source.kind === "groups" ? wave.source.groups : []);
  const [departments, setDepartments] = useState<string[]>(
    wave?.source.kind === "filter" ? wave.source.department : [],
  );
  const [sites, setSites] = useState<string[]>(wave?.source.kind === "filter" ? wave.source.siteId : []);
  const [f, setF] = useState({
    name: wave?.name ?? "",
    start: day(wave?.startDate),
    deadline: day(wave?.registrationDeadline),
    enforce: day(wave?.enforcementDate),
    target: String(wave?.targetPercent ?? 95),
    backup: wave?.requiresBackupKey ?? false,
    model: wave?.preferredModel?.id ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  // An edit makes the last check's messages stale: they go until the next submit.
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setErrors({});
    setF({
      ...f,
      [k]:
        e.target instanceof HTMLInputElement && e.target.type === "checkbox"
          ? e.target.checked
          : e.target.value,
    });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = waveInput.safeParse({
      name: f.name,
      source: kind === "groups" ? { kind, groups } : { kind, department: departments, siteId: sites },
      startDate: toDate(f.start) ?? undefined,
      registrationDeadline: toDate(f.deadline) ?? undefined,
      enforcementDate: toDate(f.enforce),
      targetPercent: Number(f.target),
      requiresBackupKey: f.backup,
      preferredModelId: f.model || null,
    });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error.issues));
    setErrors({});
    const body = parsed.data;
    await save.run(
      () =>
        wave
          ? updateWave.mutateAsync({ ...body, id: wave.id, updatedAt: wave.updatedAt })
          : createWave.mutateAsync(body),
      (r) => onSaved(r, body.name),
    );
  };
  const ids = {
    name: useId(),
    start: useId(),
    deadline: useId(),
    enforce: useId(),
    target: useId(),
    model: useId(),
  };
  return (
    <Modal open onClose={onClose} labelledBy={titleId} className="max-w-2xl">
      <form onSubmit={submit} noValidate>
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {wave ? `Edit ${wave.name}` : "New rollout wave"}
          </h2>
          <Field label="Name" htmlFor={ids.name} error={errors.name}>
            <input id={ids.name} value={f.name} onChange={set("name")} className={input} />
          </Field>
          <fieldset>
            <legend className="mb-1 text-xs font-medium text-slate-600">Who is in it</legend>
            <div className="mb-2 flex gap-4 text-sm">
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="kind"
                  checked={kind === "groups"}
                  onChange={() => {
                    setErrors({});
                    setKind("groups");
                  }}
                />{" "}
                Entra groups
              </label>
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="kind"
                  checked={kind === "filter"}
                  onChange={() => {
                    setErrors({});
                    setKind("filter");
                  }}
                />{" "}
                Departments and sites
              </label>
            </div>
            {kind === "groups" ? (
              <GroupPicker selected={groups} onChange={setGroups} />
            ) : (
              <div className="grid grid-cols-2 gap-3">
                <Checks
                  label="Departments"
                  options={choices.departments.map((d) => ({
                    value: d.name,
                    label: `${d.name} (${d.users})`,
                  }))}
                  selected={departments}
                  onChange={setDepartments}
                />
                <Checks
                  label="Sites"
                  options={choices.sites.map((s) => ({ value: s.id, label: `${s.code} — ${s.name}` }))}
                  selected={sites}
                  onChange={setSites}
                />
              </div>
            )}
            {(errors["source.groups"]?.[0] ?? errors["source.department"]?.[0]) ? (
              <p className="mt-1 text-xs text-red-700">
                {errors["source.groups"]?.[0] ?? errors["source.department"]?.[0]}
              </p>
            ) : null}
          </fieldset>
          <div className="grid grid-cols-4 gap-3">
            <Field label="Start" htmlFor={ids.start} error={errors.startDate}>
              <input id={ids.start} type="date" value={f.start} onChange={set("start")} className={input} />
            </Field>
            <Field label="Registration deadline" htmlFor={ids.deadline} error={errors.registrationDeadline}>
              <input
                id={ids.deadline}
                type="date"
                value={f.deadline}
                onChange={set("deadline")}
                className={input}
              />
            </Field>
            <Field label="Enforcement (optional)" htmlFor={ids.enforce} error={errors.enforcementDate}>
              <input
                id={ids.enforce}
                type="date"
                value={f.enforce}
                onChange={set("enforce")}
                className={input}
              />
            </Field>
            <Field label="Target %" htmlFor={ids.target} error={errors.targetPercent}>
              <input
                id={ids.target}
                type="number"
                min={1}
                max={100}
                value={f.target}
                onChange={set("target")}
                className={input}
              />
            </Field>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={f.backup} onChange={set("backup")} /> Everyone in this wave needs
            a backup key (two keys)
          </label>
          <Field label="Preferred model for auto-assign" htmlFor={ids.model} error={errors.preferredModelId}>
            <select id={ids.model} value={f.model} onChange={set("model")} className={input}>
              <option value="">Any model in the site&apos;s stock</option>
              {choices.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} only
                </option>
              ))}
            </select>
          </Field>
          {save.error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {save.error}
            </p>
          ) : null}
        </div>
        <div className="flex items-center justify-between gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
          <p className="text-xs text-slate-500">Saving sets the members now; nothing changes in Entra.</p>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={onClose}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={save.isBusy}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {save.isBusy ? "Saving…" : wave ? "Save wave" : "Create wave"}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
