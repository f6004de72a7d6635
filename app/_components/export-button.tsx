"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import type { z } from "zod";
import type { TableView } from "@/app/_components/data-table/url-state";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";
import type { keyExportInput, stockSummaryInput } from "@/server/modules/inventory/inventory.schemas";
import type { forecastInput, poExportInput } from "@/server/modules/procurement/procurement.schemas";
import type { exportInput as rolloutExportInput } from "@/server/modules/rollout/rollout.schemas";
import type { failureFilter } from "@/server/modules/levers/failures.schemas";
import type { userExportInput } from "@/server/modules/dashboards/dashboards.schemas";

/** Which table to export, with the exact filter and sort the table shows (plain data, so server pages can pass it). */
export type ExportSource =
  | { table: "keys"; input: z.input<typeof keyExportInput> }
  | { table: "orders"; input: z.input<typeof poExportInput> }
  | { table: "stock"; input: z.input<typeof stockSummaryInput> }
  | { table: "forecast"; input: z.input<typeof forecastInput> }
  | { table: "rollout"; input: z.input<typeof rolloutExportInput> }
  | { table: "signInFailures"; input: z.input<typeof failureFilter> }
  | { table: "users"; input: z.input<typeof userExportInput> };

/**
 * A paged table's export: the filter its page applied and the sort it shows, so the file is that view
 * (every page). The server checks the sort column against the table's own.
 */
export function viewExport<T extends ExportSource["table"]>(
  table: T,
  filter: Omit<Extract<ExportSource, { table: T }>["input"], "sort">,
  view: TableView,
): ExportSource {
  return { table, input: { ...filter, sort: view.sort ?? null } } as ExportSource;
}

/** The export's query: read when pressed, never from the cache (the file is what the table holds now). */
function useExport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (source: ExportSource) => {
    const fresh = { staleTime: 0, gcTime: 0 };
    switch (source.table) {
      case "keys":
        return queryClient.fetchQuery({ ...trpc.inventory.exportKeys.queryOptions(source.input), ...fresh });
      case "orders":
        return queryClient.fetchQuery({
          ...trpc.procurement.exportOrders.queryOptions(source.input),
          ...fresh,
        });
      case "stock":
        return queryClient.fetchQuery({ ...trpc.inventory.exportStock.queryOptions(source.input), ...fresh });
      case "forecast":
        return queryClient.fetchQuery({
          ...trpc.procurement.exportForecast.queryOptions(source.input),
          ...fresh,
        });
      case "rollout":
        return queryClient.fetchQuery({ ...trpc.rollout.exportCsv.queryOptions(source.input), ...fresh });
      case "signInFailures":
        return queryClient.fetchQuery({
          ...trpc.levers.signInFailuresCsv.queryOptions(source.input),
          ...fresh,
        });
      case "users":
        return queryClient.fetchQuery({ ...trpc.dashboard.exportUsers.queryOptions(source.input), ...fresh });
    }
  };
}

/** Downloads the server's CSV of the view (every page, formula cells neutralised by the server). */
export function ExportButton({ source, label = "Export CSV" }: { source: ExportSource; label?: string }) {
  const load = useExport();
  const [state, setState] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  return (
    <div className="flex items-center self-end">
      <button
        type="button"
        disabled={isBusy}
        onClick={async () => {
          setBusy(true);
          setState("Exporting…");
          try {
            const out = await load(source);
            const url = URL.createObjectURL(new Blob([out.csv], { type: "text/csv;charset=utf-8" }));
            const a = Object.assign(document.createElement("a"), { href: url, download: out.filename });
            a.click();
            URL.revokeObjectURL(url);
            setState(out.isTruncated ? `Exported the first ${out.rows} rows` : null);
          } catch (e) {
            setState(messageOf(e));
          } finally {
            setBusy(false);
          }
        }}
        className="inline-flex items-center gap-1 whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-normal normal-case text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        <Download aria-hidden className="size-4" /> {label}
      </button>
      {state ? (
        <span role="status" className="ml-2 text-xs text-slate-500">
          {state}
        </span>
      ) : null}
    </div>
  );
}
