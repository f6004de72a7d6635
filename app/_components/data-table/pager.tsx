"use client";

import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight } from "lucide-react";
import type { ReactNode } from "react";
import { useTableUrl } from "./use-table-url";
import { TABLE_PARAMS, type CursorView } from "./url-state";

const nf = new Intl.NumberFormat("en-GB");
// Table nouns are regular English plurals ("keys", "users", "events").
const nounFor = (n: number, plural: string) =>
  n === 1 && plural.endsWith("s") ? plural.slice(0, -1) : plural;

function PagerButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="inline-flex size-8 items-center justify-center rounded-md border border-slate-200 text-slate-600 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
    >
      {children}
    </button>
  );
}

interface OffsetPagerProps {
  total: number;
  noun: string;
  pageIndex: number;
  pageSize: number;
  pageCount: number;
  pageSizes: readonly number[];
  canPrevious: boolean;
  canNext: boolean;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onLast: () => void;
  onPageSize: (size: number) => void;
}

export function OffsetPager(p: OffsetPagerProps) {
  const from = p.total === 0 ? 0 : Math.min(p.pageIndex * p.pageSize + 1, p.total);
  const to = Math.min((p.pageIndex + 1) * p.pageSize, p.total);
  const pageCount = Math.max(p.pageCount, 1);
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600"
    >
      <p aria-live="polite" data-testid="table-count">
        {p.total === 0 ? (
          <>No {p.noun}</>
        ) : (
          <>
            <span className="font-medium text-slate-900">
              {nf.format(from)}–{nf.format(to)}
            </span>{" "}
            of <span className="font-medium text-slate-900">{nf.format(p.total)}</span>{" "}
            {nounFor(p.total, p.noun)}
          </>
        )}
      </p>
      <div className="flex items-center gap-4">
        <label className="flex items-center gap-2">
          <span>Rows per page</span>
          <select
            value={p.pageSize}
            onChange={(e) => p.onPageSize(Number(e.target.value))}
            className="rounded-md border border-slate-200 bg-white px-2 py-1 text-slate-900"
          >
            {p.pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <span className="tabular-nums">
          Page {nf.format(Math.min(p.pageIndex + 1, pageCount))} of {nf.format(pageCount)}
        </span>
        <div className="flex items-center gap-1">
          <PagerButton label="First page" disabled={!p.canPrevious} onClick={p.onFirst}>
            <ChevronFirst aria-hidden className="size-4" />
          </PagerButton>
          <PagerButton label="Previous page" disabled={!p.canPrevious} onClick={p.onPrevious}>
            <ChevronLeft aria-hidden className="size-4" />
          </PagerButton>
          <PagerButton label="Next page" disabled={!p.canNext} onClick={p.onNext}>
            <ChevronRight aria-hidden className="size-4" />
          </PagerButton>
          <PagerButton label="Last page" disabled={!p.canNext} onClick={p.onLast}>
            <ChevronLast aria-hidden className="size-4" />
          </PagerButton>
        </div>
      </div>
    </nav>
  );
}

interface CursorPagerProps {
  total: number;
  noun: string;
  shown: number;
  view: CursorView;
  nextCursor: string | undefined;
}

/** For lists paged by a cursor (newest first): the URL keeps the cursors of earlier pages in `trail`. */
export function CursorPager({ total, noun, shown, view, nextCursor }: CursorPagerProps) {
  const { setParams } = useTableUrl();
  const pageNumber = view.cursor ? view.trail.length + 2 : 1;
  const go = (cursor: string | undefined, trail: string[]) =>
    setParams({
      [TABLE_PARAMS.cursor]: cursor ?? null,
      [TABLE_PARAMS.trail]: trail.length ? trail.join(",") : null,
    });
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600"
    >
      <p aria-live="polite" data-testid="table-count">
        {total === 0 ? (
          <>No {noun}</>
        ) : (
          <>
            <span className="font-medium text-slate-900">{nf.format(shown)}</span> shown of{" "}
            <span className="font-medium text-slate-900">{nf.format(total)}</span> {nounFor(total, noun)}
          </>
        )}
      </p>
      <div className="flex items-center gap-4">
        <span className="tabular-nums">Page {nf.format(pageNumber)}</span>
        <div className="flex items-center gap-1">
          <PagerButton label="Newest" disabled={!view.cursor} onClick={() => go(undefined, [])}>
            <ChevronFirst aria-hidden className="size-4" />
          </PagerButton>
          <PagerButton
            label="Newer"
            disabled={!view.cursor}
            onClick={() => go(view.trail.at(-1), view.trail.slice(0, -1))}
          >
            <ChevronLeft aria-hidden className="size-4" />
          </PagerButton>
          <PagerButton
            label="Older"
            disabled={!nextCursor}
            onClick={() => go(nextCursor, view.cursor ? [...view.trail, view.cursor] : [])}
          >
            <ChevronRight aria-hidden className="size-4" />
          </PagerButton>
        </div>
      </div>
    </nav>
  );
}
