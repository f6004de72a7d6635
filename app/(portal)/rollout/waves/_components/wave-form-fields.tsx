"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useId, useState } from "react";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";
import { useDebounced } from "@/app/_lib/use-debounced";
import { ActionError } from "@/app/_components/action-error";
import { SearchIcon } from "@/app/_components/search-icon";

// The pieces of the wave form: the Entra group picker, a list of checkboxes.

export type Group = { id: string; name: string };

const input = "w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

/** Entra groups by name prefix, from the tenant (the first page is enough: typing narrows it). */
export function GroupPicker({ selected, onChange }: { selected: Group[]; onChange: (g: Group[]) => void }) {
  const id = useId();
  const [q, setQ] = useState("");
  const settledQ = useDebounced(q, 250);
  const trpc = useTRPC();
  const search = useQuery({
    ...trpc.rollout.searchGroups.queryOptions({ q: settledQ }),
    placeholderData: keepPreviousData,
  });
  const found = search.data ?? [];
  const error = search.error ? messageOf(search.error) : null;
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
        <SearchIcon />
        <input
          id={id}
          aria-label="Search Entra groups"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Group name starts with…"
          className={`${input} pl-8`}
        />
      </div>
      <ActionError error={error} className="mt-1 text-xs text-red-700" />
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

export function Checks({
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
