"use client";

import { KeyRound, User } from "lucide-react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { humanize } from "@/app/_components/format";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";
import { useDebounced } from "@/app/_lib/use-debounced";
import { ActionError } from "@/app/_components/action-error";
import { SearchIcon } from "@/app/_components/search-icon";

const row = "flex items-center gap-3 rounded-md px-3 py-2 hover:bg-brand-50 focus:bg-brand-50";

/** Step 1: search people and serials; each hit is a link to step 2 for that person (and key). */
export function UserFinder() {
  const inputId = useId();
  const [q, setQ] = useState("");
  const term = q.trim();
  const settled = useDebounced(term, 200);
  const trpc = useTRPC();
  const search = useQuery({
    ...trpc.users.search.queryOptions({ q: settled }),
    enabled: settled.length >= 2,
    placeholderData: keepPreviousData,
  });
  const result = term.length >= 2 ? (search.data ?? null) : null;
  const error = search.error ? messageOf(search.error) : null;
  const isSearching = term.length >= 2 && (term !== settled || search.isFetching);

  const keys = result?.keys ?? [];
  const users = result?.users ?? [];
  return (
    <div className="max-w-2xl">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        Name, UPN or serial
      </label>
      <div className="relative mt-1">
        <SearchIcon />
        <input
          id={inputId}
          type="search"
          autoFocus
          autoComplete="off"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="e.g. Ada Lovelace, ada@contoso.com or 21903456"
          className="block w-full rounded-md border border-slate-300 py-2 pl-8 pr-3 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
        />
      </div>
      <div aria-live="polite" className="mt-3 text-sm">
        <ActionError error={error} />
        {q.trim().length < 2 ? <p className="text-slate-500">Type at least two characters.</p> : null}
        {result && !users.length && !keys.length && !isSearching ? (
          <p className="text-slate-600">Nobody and no key matches “{q.trim()}”.</p>
        ) : null}
      </div>
      {users.length ? (
        <ul aria-label="People" className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
          {users.map((u) => (
            <li key={u.id}>
              <Link href={`/cases/new?userId=${encodeURIComponent(u.id)}`} className={row}>
                <User aria-hidden className="size-4 shrink-0 text-slate-400" />
                <span className="min-w-0">
                  <span className="block font-medium text-slate-900">
                    {u.displayName}
                    {u.isLeaver ? (
                      <span className="ml-2 text-xs font-normal text-amber-700">leaver</span>
                    ) : null}
                  </span>
                  <span className="block truncate text-xs text-slate-500">
                    {u.userPrincipalName}
                    {u.department ? ` · ${u.department}` : ""}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {keys.length ? (
        <ul aria-label="Keys" className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200">
          {keys.map((k) => (
            <li key={k.id}>
              {k.custodianId ? (
                <Link
                  href={`/cases/new?userId=${encodeURIComponent(k.custodianId)}&keyId=${encodeURIComponent(k.id)}`}
                  className={row}
                >
                  <KeyRound aria-hidden className="size-4 shrink-0 text-slate-400" />
                  <span>
                    <span className="block font-mono font-medium text-slate-900">{k.serial}</span>
                    <span className="block text-xs text-slate-500">
                      {k.model} · {humanize(k.status)} · held by {k.custodian}
                    </span>
                  </span>
                </Link>
              ) : (
                <span className={`${row} text-slate-500 hover:bg-transparent`}>
                  <KeyRound aria-hidden className="size-4 shrink-0" />
                  <span>
                    <span className="block font-mono">{k.serial}</span>
                    <span className="block text-xs">
                      {k.model} · {humanize(k.status)} · not with anyone, no case to open
                    </span>
                  </span>
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
