"use client";

import { KeyRound, User } from "lucide-react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { useDebounced } from "@/app/_lib/use-debounced";
import { SearchIcon } from "./search-icon";

type Hit = { href: string; label: string; sub: string; kind: "user" | "key" };
type SearchResult = RouterOutputs["users"]["search"];

const toHits = (r: SearchResult): Hit[] => [
  ...r.users.map((u): Hit => ({
    href: `/users/${u.id}`,
    label: u.displayName,
    sub: `${u.userPrincipalName}${u.isLeaver ? " · leaver" : ""}`,
    kind: "user",
  })),
  ...r.keys.map((k): Hit => ({
    href: `/keys/${k.id}`,
    label: k.serial,
    sub: `${k.model} · ${k.status.replace("_", " ")}${k.custodian ? ` · ${k.custodian}` : ""}`,
    kind: "key",
  })),
];

/** Find a person (name, UPN) or a key (serial) from any page: a combobox with keyboard navigation. */
export function GlobalSearch() {
  const router = useRouter();
  const listId = useId();
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);

  const term = useDebounced(q.trim(), 150);
  const trpc = useTRPC();
  const search = useQuery({
    ...trpc.users.search.queryOptions({ q: term }),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
  });
  const hits: Hit[] = q.trim().length < 2 || !search.data || search.isError ? [] : toHits(search.data);

  // New results: the first is the one Enter opens, and the list shows.
  const results = search.data;
  useEffect(() => {
    if (!results) return;
    setActive(0);
    setOpen(true);
  }, [results]);

  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (!boxRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, []);

  const go = (h: Hit | undefined) => {
    if (!h) return;
    setOpen(false);
    setQ("");
    router.push(h.href);
  };
  const showList = open && q.trim().length >= 2;

  return (
    <div ref={boxRef} className="relative w-full max-w-md">
      <SearchIcon />
      <input
        type="search"
        role="combobox"
        aria-label="Search people and keys"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        placeholder="Search name, UPN or serial"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            go(hits[active]);
          } else if (e.key === "Escape") setOpen(false);
        }}
        className="w-full rounded-md border border-slate-300 bg-slate-50 py-1.5 pl-8 pr-3 text-sm focus:border-brand-500 focus:bg-white focus:outline-none focus:ring-2 focus:ring-brand-100"
      />
      {showList ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Search results"
          className="absolute left-0 right-0 top-full z-30 mt-1 max-h-96 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {hits.length ? (
            hits.map((h, i) => {
              const Icon = h.kind === "user" ? User : KeyRound;
              return (
                <li
                  key={h.href}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    go(h);
                  }}
                  onMouseEnter={() => setActive(i)}
                  className={`flex cursor-pointer items-start gap-2 px-3 py-2 ${i === active ? "bg-brand-50" : ""}`}
                >
                  <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />
                  <span className="min-w-0">
                    <span
                      className={`block truncate font-medium text-slate-900 ${h.kind === "key" ? "font-mono" : ""}`}
                    >
                      {h.label}
                    </span>
                    <span className="block truncate text-xs text-slate-500">{h.sub}</span>
                  </span>
                </li>
              );
            })
          ) : (
            <li className="px-3 py-2 text-slate-500">No people or keys match.</li>
          )}
        </ul>
      ) : null}
    </div>
  );
}
