"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition } from "react";
import { TABLE_PARAMS } from "./url-state";

export type ParamPatch = Record<string, string | null | undefined>;

/**
 * Reads and writes the table's URL state. `setParams` merges a patch into the current query string
 * (null/undefined/"" removes a param) and navigates, so the server page re-renders with the new view.
 * Filters pass `{ resetPage: true }`: a new filter always starts at the first page.
 */
export function useTableUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();

  const hrefWith = useCallback(
    (patch: ParamPatch, { resetPage = false } = {}) => {
      const next = new URLSearchParams(searchParams.toString());
      if (resetPage) {
        next.delete(TABLE_PARAMS.page);
        next.delete(TABLE_PARAMS.cursor);
        next.delete(TABLE_PARAMS.trail);
      }
      for (const [name, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === "") next.delete(name);
        else next.set(name, value);
      }
      const query = next.toString();
      return query ? `${pathname}?${query}` : pathname;
    },
    [pathname, searchParams],
  );

  const setParams = useCallback(
    (patch: ParamPatch, options: { resetPage?: boolean } = {}) => {
      const href = hrefWith(patch, options);
      startTransition(() => router.push(href, { scroll: false }));
    },
    [hrefWith, router],
  );

  return { searchParams, setParams, hrefWith, isPending };
}
