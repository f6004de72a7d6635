import { BarChart3, type LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { z } from "zod";
import { ExportButton } from "@/app/_components/export-button";
import { EmptyState } from "@/app/_components/empty-state";
import type { exportInput } from "@/server/modules/rollout/rollout.schemas";
import { textLink } from "@/app/_components/styles";

/**
 * One rollout figure: the chart, its table (folded under it, open by default on small figures), a CSV of
 * the same rows and the list behind it. `empty` replaces chart and table with what will appear and why.
 */
export function ChartPanel({
  id,
  title,
  description,
  exportAs,
  drill,
  controls,
  table,
  empty,
  emptyIcon = BarChart3,
  children,
  className = "",
}: {
  id: string;
  title: string;
  description?: ReactNode;
  exportAs: z.input<typeof exportInput>;
  drill?: { href: string; label: string } | null;
  controls?: ReactNode;
  table: ReactNode;
  empty?: ReactNode;
  emptyIcon?: LucideIcon;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={`chart-${id}`}
      className={`flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white shadow-sm ${className}`}
    >
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-200 px-5 py-3">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
        </div>
        <div className="flex items-center gap-2">
          {controls}
          <ExportButton source={{ table: "rollout", input: exportAs }} label="CSV" />
        </div>
      </header>
      <div className="flex-1 px-5 py-4">
        {empty ? (
          <div className="py-6">
            <EmptyState icon={emptyIcon} title={typeof empty === "string" ? empty : "Nothing to show yet"}>
              {typeof empty === "string" ? null : empty}
            </EmptyState>
          </div>
        ) : (
          <>
            {children}
            <details className="group mt-3 rounded-md border border-slate-200">
              <summary className="cursor-pointer select-none px-3 py-1.5 text-xs font-medium text-slate-600 hover:bg-slate-50">
                Table
              </summary>
              <div className="overflow-x-auto border-t border-slate-200">{table}</div>
            </details>
          </>
        )}
      </div>
      {drill && !empty ? (
        <footer className="border-t border-slate-200 px-5 py-2 text-sm">
          <Link href={drill.href} className="font-medium text-brand-700 hover:underline">
            {drill.label} →
          </Link>
        </footer>
      ) : null}
    </section>
  );
}

/** A plain table of figures: first column text, the others numbers (right-aligned, tabular). */
export function FigureTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50 text-xs text-slate-500">
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={`px-3 py-1.5 font-medium ${i ? "text-right" : "text-left"}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((c, i) =>
              i ? (
                <td key={i} className="px-3 py-1.5 text-right tabular-nums">
                  {c}
                </td>
              ) : (
                <th key={i} scope="row" className="px-3 py-1.5 text-left font-normal text-slate-800">
                  {c}
                </th>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A count that opens the list behind it (when the role may see that list). */
export function Count({ n, href }: { n: number; href?: string | null }) {
  return href ? (
    <Link href={href} className={textLink}>
      {n.toLocaleString("en-GB")}
    </Link>
  ) : (
    <>{n.toLocaleString("en-GB")}</>
  );
}
