import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import type { SearchParams } from "@/app/_components/data-table/url-state";

// Paging for a page that shows several short lists (Reconciliation): each list keeps its own page number
// in its own URL parameter, so a link reproduces the view and one list's paging leaves the others alone.
// Plain links: no client code, and the server reads only the page asked for.

const nf = new Intl.NumberFormat("en-GB");

/** A 1-based page number from the URL; anything malformed reads as page 1. */
export function readListPage(params: SearchParams, name: string): number {
  const raw = params[name];
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

const lastPage = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/**
 * A list asked for past its end (an old link after the queue shrank, a typed page number) would render as
 * empty, which reads as "nothing to do". Redirect to the same view with each such list on its last page.
 */
export function redirectPastEnd(
  path: string,
  params: SearchParams,
  lists: { name: string; page: number; pageSize: number; total: number }[],
): void {
  const over = lists.filter((l) => l.page > lastPage(l.total, l.pageSize));
  if (!over.length) return;
  const next = toSearch(params);
  for (const l of over) {
    const last = lastPage(l.total, l.pageSize);
    if (last > 1) next.set(l.name, String(last));
    else next.delete(l.name);
  }
  const query = next.toString();
  redirect(query ? `${path}?${query}` : path);
}

function toSearch(params: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, value);
  }
  return out;
}

function hrefFor(path: string, params: SearchParams, name: string, page: number) {
  const next = toSearch(params);
  if (page > 1) next.set(name, String(page));
  else next.delete(name);
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

function Step({ href, label, children }: { href: string | null; label: string; children: ReactNode }) {
  const box = "inline-flex size-8 items-center justify-center rounded-md border border-slate-200";
  return href ? (
    <Link
      href={href}
      aria-label={label}
      title={label}
      scroll={false}
      className={`${box} text-slate-600 hover:bg-slate-50`}
    >
      {children}
    </Link>
  ) : (
    <span aria-hidden className={`${box} text-slate-300`}>
      {children}
    </span>
  );
}

export function ListPager({
  path,
  params,
  name,
  page,
  pageSize,
  total,
  noun,
  label,
}: {
  path: string;
  params: SearchParams;
  /** The URL parameter holding this list's page. */
  name: string;
  page: number;
  pageSize: number;
  total: number;
  noun: string;
  /** What the pager is for, for screen readers ("Credentials with no key"). */
  label: string;
}) {
  const last = lastPage(total, pageSize);
  if (last === 1) return null;
  const at = Math.min(page, last);
  const from = (at - 1) * pageSize + 1;
  const to = Math.min(at * pageSize, total);
  const go = (p: number) => (p === at ? null : hrefFor(path, params, name, p));
  return (
    <nav
      aria-label={`Pages of ${label}`}
      data-testid={`pager-${name}`}
      className="mt-2 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2 text-xs text-slate-600"
    >
      <p aria-live="polite">
        <span className="font-medium text-slate-900">
          {nf.format(from)}–{nf.format(to)}
        </span>{" "}
        of <span className="font-medium text-slate-900">{nf.format(total)}</span> {noun} · page {at} of {last}
      </p>
      <div className="flex items-center gap-1">
        <Step href={go(1)} label="First page">
          <ChevronFirst aria-hidden className="size-4" />
        </Step>
        <Step href={go(Math.max(1, at - 1))} label="Previous page">
          <ChevronLeft aria-hidden className="size-4" />
        </Step>
        <Step href={go(Math.min(last, at + 1))} label="Next page">
          <ChevronRight aria-hidden className="size-4" />
        </Step>
        <Step href={go(last)} label="Last page">
          <ChevronLast aria-hidden className="size-4" />
        </Step>
      </div>
    </nav>
  );
}
