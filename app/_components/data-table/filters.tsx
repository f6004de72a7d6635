"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useTableUrl } from "./use-table-url";
import { SearchIcon } from "../search-icon";

// Filters write their value into the URL (and reset paging); the server page reads it back with
// readParam/readEnumParam/readDateParam and passes it to its procedure.

const field =
  "rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400";

function FilterLabel({ htmlFor, children }: { htmlFor: string; children: string }) {
  return (
    <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-500">
      {children}
    </label>
  );
}

/** Free-text search, applied after a short pause or on Enter. */
export function SearchFilter({
  param = "q",
  label = "Search",
  placeholder,
  width = "w-64",
}: {
  param?: string;
  label?: string;
  placeholder?: string;
  /** Tailwind width class of the input. */
  width?: string;
}) {
  const id = useId();
  const { searchParams, setParams } = useTableUrl();
  const current = searchParams.get(param) ?? "";
  const [value, setValue] = useState(current);
  const applied = useRef(current);

  // Back/forward navigation changes the URL under us: follow it.
  useEffect(() => {
    applied.current = current;
    setValue(current);
  }, [current]);

  useEffect(() => {
    if (value.trim() === applied.current.trim()) return;
    const timer = setTimeout(() => {
      applied.current = value.trim();
      setParams({ [param]: value.trim() }, { resetPage: true });
    }, 350);
    return () => clearTimeout(timer);
  }, [value, param, setParams]);

  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        applied.current = value.trim();
        setParams({ [param]: value.trim() }, { resetPage: true });
      }}
    >
      <FilterLabel htmlFor={id}>{label}</FilterLabel>
      <div className="relative">
        <SearchIcon />
        <input
          id={id}
          type="search"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={placeholder}
          className={`${field} ${width} pl-8`}
        />
      </div>
    </form>
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

export interface SelectFilterProps {
  param: string;
  label: string;
  allLabel: string;
  options: readonly FilterOption[];
}

/** One value from a closed list; the first option ("All …") clears the filter. */
export function SelectFilter({ param, label, allLabel, options }: SelectFilterProps) {
  const id = useId();
  const { searchParams, setParams } = useTableUrl();
  // A select is as wide as its longest option: capped, so long labels never push a phone page sideways.
  return (
    <div className="min-w-0 max-w-full">
      <FilterLabel htmlFor={id}>{label}</FilterLabel>
      <select
        id={id}
        value={searchParams.get(param) ?? ""}
        onChange={(e) => setParams({ [param]: e.target.value }, { resetPage: true })}
        className={`${field} min-w-36 max-w-full sm:max-w-80`}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A yyyy-mm-dd date (the browser's date picker). */
export function DateFilter({ param, label }: { param: string; label: string }) {
  const id = useId();
  const { searchParams, setParams } = useTableUrl();
  return (
    <div>
      <FilterLabel htmlFor={id}>{label}</FilterLabel>
      <input
        id={id}
        type="date"
        value={searchParams.get(param) ?? ""}
        onChange={(e) => setParams({ [param]: e.target.value }, { resetPage: true })}
        className={field}
      />
    </div>
  );
}

/** Clears the given filter params; hidden while none is set. */
export function ClearFilters({ params }: { params: readonly string[] }) {
  const { searchParams, setParams } = useTableUrl();
  if (!params.some((p) => searchParams.get(p))) return null;
  return (
    <button
      type="button"
      onClick={() => setParams(Object.fromEntries(params.map((p) => [p, null])), { resetPage: true })}
      className="inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
    >
      <X aria-hidden className="size-4" /> Clear filters
    </button>
  );
}
