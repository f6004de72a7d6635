"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useTableUrl, type ParamPatch } from "./use-table-url";
import { SearchIcon } from "../search-icon";

// A filter chosen by name from a type-ahead list (an actor, a subject) that writes ids into the URL: people
// pick "Ada Lovelace", the URL keeps her id. The caller runs the search (it knows the procedure) and passes
// the options for the typed term; this keeps the combobox, the keyboard and the URL.

export interface PickOption {
  key: string;
  label: string;
  sub?: string;
  /** The URL params choosing this option sets. */
  patch: ParamPatch;
}

export function PickerFilter({
  label,
  placeholder,
  params,
  selected,
  term,
  onTerm,
  options,
  isSearching,
  width = "w-56",
}: {
  label: string;
  placeholder: string;
  /** Every param this filter owns (cleared together). */
  params: readonly string[];
  /** The name of the current choice, or null when the filter is not set. */
  selected: string | null;
  term: string;
  onTerm: (term: string) => void;
  options: readonly PickOption[];
  isSearching: boolean;
  width?: string;
}) {
  const inputId = useId();
  const listId = useId();
  const { searchParams, setParams } = useTableUrl();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const isSet = params.some((p) => searchParams.get(p));

  useEffect(() => setActive(0), [options]);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (!boxRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, []);

  const clear = () => setParams(Object.fromEntries(params.map((p) => [p, null])), { resetPage: true });
  const pick = (o: PickOption | undefined) => {
    if (!o) return;
    setOpen(false);
    onTerm("");
    setParams({ ...Object.fromEntries(params.map((p) => [p, null])), ...o.patch }, { resetPage: true });
  };
  const showList = open && term.trim().length >= 2;
  const field =
    "rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400";

  return (
    <div ref={boxRef} className="relative">
      <label htmlFor={inputId} className="mb-1 block text-xs font-medium text-slate-500">
        {label}
      </label>
      {isSet ? (
        <span className={`${field} ${width} flex items-center justify-between gap-2 bg-brand-50`}>
          <span className="truncate" data-testid={`picked-${label.toLowerCase()}`}>
            {selected ?? "Unknown (no longer exists)"}
          </span>
          <button type="button" aria-label={`Clear the ${label.toLowerCase()} filter`} onClick={clear}>
            <X aria-hidden className="size-4 text-slate-500" />
          </button>
        </span>
      ) : (
        <div className="relative">
          <SearchIcon />
          <input
            id={inputId}
            type="search"
            role="combobox"
            aria-expanded={showList}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={showList && options[active] ? `${listId}-${active}` : undefined}
            placeholder={placeholder}
            value={term}
            autoComplete="off"
            onChange={(e) => {
              onTerm(e.target.value);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setActive((a) => Math.min(a + 1, options.length - 1));
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setActive((a) => Math.max(a - 1, 0));
              } else if (e.key === "Enter") {
                e.preventDefault();
                pick(options[active]);
              } else if (e.key === "Escape") setOpen(false);
            }}
            className={`${field} ${width} pl-8`}
          />
        </div>
      )}
      {showList && !isSet ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} matches`}
          className="absolute left-0 top-full z-30 mt-1 max-h-72 w-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {options.length ? (
            options.map((o, i) => (
              <li
                key={o.key}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(o);
                }}
                onMouseEnter={() => setActive(i)}
                className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50" : ""}`}
              >
                <span className="block truncate font-medium text-slate-900">{o.label}</span>
                {o.sub ? <span className="block truncate text-xs text-slate-500">{o.sub}</span> : null}
              </li>
            ))
          ) : (
            <li className="px-3 py-1.5 text-slate-500">{isSearching ? "Searching…" : "No match."}</li>
          )}
        </ul>
      ) : null}
    </div>
  );
}
