import { Search } from "lucide-react";

/** The magnifier inside a search box: place it in a `relative` wrapper and give the input `pl-8`. */
export function SearchIcon() {
  return (
    <Search
      aria-hidden
      className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400"
    />
  );
}
