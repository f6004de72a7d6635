"use client";

import { Search, X } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { api, problemOf } from "@/app/(portal)/procurement/_components/api";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { Modal } from "@/app/_components/modal";
import { useAction } from "@/app/_components/use-action";
import { waveInput, type Wave } from "@/server/modules/rollout/rollout.schemas";
import { isoDay } from "@/server/lib/time";

export interface FilterChoices {
  departments: { name: string; users: number }[];
  sites: { id: string; code: string; name: string }[];
}
type Group = { id: string; name: string };

const input = "w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";
const day = (d: Date | null | undefined) => (d ? isoDay(d) : "");
const toDate = (v: string) => (v ? new Date(`${v}T00:00:00Z`) : null);

function Field({
  label,
  error,
  children,
  htmlFor,
}: {
  label: string;
  error?: string[];
  children: React.ReactNode;
  htmlFor?: string;
}) {
  return (
    <div>
      <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {error?.length ? <p className="mt-1 text-xs text-red-700">{error[0]}</p> : null}
    </div>
  );
}

/** Entra groups by name prefix, from the tenant (the first page is enough: typing narrows it). */
function GroupPicker({ selected, onChange }: { selected: Group[]; onChange: (g: Group[]) => void }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<{ id: string; name: string; description: string | null }[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      api.rollout.searchGroups.query({ q }).then(
        (g) => {
          setFound(g);
          setError(null);
        },
        (e: unknown) => setError(problemOf(e).message),
      );
    }, 250);
    return () => clearTimeout(t);
  }, [q]);
  const isSelected = (g: Group) => selected.some((s) => s.id === g.id);
  return (
    <div>
      <div className="mb-2 flex flex-wrap gap-1.5">
        {selected.map((g) => (
          <span
            key={g.id}
            className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700"
          >
            {g.name}
            <button
              type="button"
              aria-label={`Remove ${g.name}`}
              onClick={() => onChange(selected.filter((s) => s.id !== g.id))}
            >
              <X aria-hidden className="size-3" />
            </button>
          </span>
        ))}
      </div>
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400"
        />
        <input
          id={id}
          aria-label="Search Entra groups"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Group name starts with…"
          className={`${input} pl-8`}
        />
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <ul className="mt-1 max-h-36 overflow-y-auto rounded-md border border-slate-200">
        {found.map((g) => (
          <li key={g.id}>
            <label className="flex cursor-pointer items-start gap-2 px-2.5 py-1.5 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={isSelected(g)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...selected, { id: g.id, name: g.name }]
                      : selected.filter((s) => s.id !== g.id),
                  )
                }
              />
              <span>
                <span className="block">{g.name}</span>
                {g.description ? <span className="block text-xs text-slate-500">{g.description}</span> : null}
              </span>
            </label>
          </li>
        ))}
        {!found.length && !error ? (
          <li className="px-2.5 py-1.5 text-xs text-slate-500">No group starts with that.</li>
        ) : null}
      </ul>
    </div>
  );
}

function Checks({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-slate-600">{label}</legend>
      <div className="max-h-32 overflow-y-auto rounded-md border border-slate-200 p-1.5">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 px-1 py-0.5 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
              }
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

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
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  // An edit makes the last check's messages stale: they go until the next submit.
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setErrors({});
    setF({ ...f, [k]: e.target.type === "checkbox" ? e.target.checked : e.target.value });
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
    });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error.issues));
    setErrors({});
    const body = parsed.data;
    await save.run(
      () =>
        wave
          ? api.rollout.updateWave.mutate({ ...body, id: wave.id, updatedAt: wave.updatedAt })
          : api.rollout.createWave.mutate(body),
      (r) => onSaved(r, body.name),
    );
  };
  const ids = { name: useId(), start: useId(), deadline: useId(), enforce: useId(), target: useId() };
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
