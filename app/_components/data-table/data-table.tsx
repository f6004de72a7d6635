"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import {
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { NoSuchPage } from "./no-such-page";
import { CursorPager, OffsetPager } from "./pager";
import { useTableUrl } from "./use-table-url";
import {
  DEFAULT_PAGE_SIZE,
  formatSort,
  PAGE_SIZES,
  TABLE_PARAMS,
  type CursorView,
  type TableView,
} from "./url-state";

export interface DataTableColumnMeta {
  /** Numbers and dates read better right-aligned. */
  align?: "left" | "right";
  /** Extra classes for this column's cells (e.g. a width, `font-mono`). */
  className?: string;
}

// Only sorting and pagination are registered: both are server-side (manual), so no client row models.
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: {} as DataTableColumnMeta,
});
export type DataTableFeatures = typeof dataTableFeatures;
export type DataTableColumn<T extends RowData> = ColumnDef<DataTableFeatures, T, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Column helper bound to the DataTable's features: `const col = dataTableColumns<KeyRow>()`. */
export const dataTableColumns = <T extends RowData>() => createColumnHelper<DataTableFeatures, T>();

export type DataTablePaging =
  | { mode: "offset"; pageSizes?: readonly number[]; defaultPageSize?: number }
  | { mode: "cursor"; view: CursorView; nextCursor: string | undefined };

export interface DataTableProps<T extends RowData> {
  /** Stable column definitions (module scope or useMemo). Sortable columns set `enableSorting: true`. */
  columns: DataTableColumn<T>[];
  /** The rows of the current page, already filtered, sorted and paged by the server. */
  data: T[];
  /** Rows matching the filters across all pages. */
  total: number;
  /** The view the server rendered (from readTableView), so header and pager agree with the data. */
  view: TableView;
  getRowId: (row: T) => string;
  /** Accessible name of the table, e.g. "Security keys". */
  caption: string;
  /** Plural noun for the count line, e.g. "keys". */
  noun?: string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Filters above the table (SearchFilter, SelectFilter, …). */
  toolbar?: ReactNode;
  paging?: DataTablePaging;
  /** Column ids left out for this viewer, e.g. `["select"]` for a role that cannot act on a selection. */
  hiddenColumns?: readonly string[];
}

const ariaSort = (sorted: false | "asc" | "desc") =>
  sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";

/**
 * The one server-paginated table. The server page reads the view from the URL, fetches one page through
 * its tRPC procedure and renders this with the rows; sorting and paging here only change the URL.
 * See ./index.ts for a complete example.
 */
export function DataTable<T extends RowData>({
  columns,
  data,
  total,
  view,
  getRowId,
  caption,
  noun = "rows",
  empty,
  toolbar,
  paging = { mode: "offset" },
  hiddenColumns,
}: DataTableProps<T>) {
  const { setParams, isPending } = useTableUrl();
  const shownColumns = useMemo(
    () => (hiddenColumns?.length ? columns.filter((c) => !c.id || !hiddenColumns.includes(c.id)) : columns),
    [columns, hiddenColumns],
  );
  const sorting = useMemo<SortingState>(() => (view.sort ? [view.sort] : []), [view.sort]);
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: view.page - 1, pageSize: view.pageSize }),
    [view.page, view.pageSize],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns: shownColumns,
    data,
    getRowId,
    rowCount: total,
    state: { sorting, pagination },
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0] ?? null;
      // A new order starts at page 1: "page 7 by date" means nothing once sorted by name.
      setParams({ [TABLE_PARAMS.sort]: formatSort(next) }, { resetPage: true });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      setParams({
        [TABLE_PARAMS.page]: next.pageIndex > 0 ? String(next.pageIndex + 1) : null,
        [TABLE_PARAMS.size]:
          next.pageSize ===
          (paging.mode === "offset" ? (paging.defaultPageSize ?? DEFAULT_PAGE_SIZE) : DEFAULT_PAGE_SIZE)
            ? null
            : String(next.pageSize),
      });
    },
  });

  const rows = table.getRowModel().rows;

  return (
    <section aria-label={caption} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      {toolbar ? (
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">{toolbar}</div>
      ) : null}
      {rows.length === 0 ? (
        <div className="px-4 py-12">
          {total === 0 ? (
            empty
          ) : paging.mode === "cursor" ? (
            <NoSuchPage mode="cursor" noun={noun} />
          ) : (
            <NoSuchPage mode="offset" page={view.page} pageCount={table.getPageCount()} noun={noun} />
          )}
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table
            aria-busy={isPending}
            className={`w-full border-collapse text-sm transition-opacity ${isPending ? "opacity-60" : ""}`}
          >
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta;
                    const canSort = header.column.columnDef.enableSorting === true;
                    const sorted = header.column.getIsSorted();
                    const SortIcon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={canSort ? ariaSort(sorted) : undefined}
                        className={`whitespace-nowrap border-b border-slate-200 px-4 py-2.5 ${meta?.align === "right" ? "text-right" : ""}`}
                      >
                        {header.isPlaceholder ? null : canSort ? (
                          <button
                            type="button"
                            // Unsorted → the column's first direction (sortDescFirst for dates); sorted → flip.
                            onClick={() =>
                              header.column.toggleSorting(
                                sorted ? sorted === "asc" : header.column.columnDef.sortDescFirst === true,
                              )
                            }
                            className={`inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-slate-900 ${sorted ? "text-slate-900" : ""}`}
                          >
                            <table.FlexRender header={header} />
                            <SortIcon aria-hidden className={`size-3.5 ${sorted ? "" : "text-slate-300"}`} />
                          </button>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className="align-middle hover:bg-slate-50/70">
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={`px-4 py-2.5 ${meta?.align === "right" ? "text-right tabular-nums" : ""} ${meta?.className ?? ""}`}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {paging.mode === "cursor" ? (
        <CursorPager
          total={total}
          noun={noun}
          shown={rows.length}
          view={paging.view}
          nextCursor={paging.nextCursor}
        />
      ) : (
        <OffsetPager
          total={total}
          noun={noun}
          pageIndex={pagination.pageIndex}
          pageSize={pagination.pageSize}
          pageCount={table.getPageCount()}
          pageSizes={paging.pageSizes ?? PAGE_SIZES}
          canPrevious={table.getCanPreviousPage()}
          canNext={table.getCanNextPage()}
          onFirst={() => table.firstPage()}
          onPrevious={() => table.previousPage()}
          onNext={() => table.nextPage()}
          onLast={() => table.lastPage()}
          onPageSize={(size) => table.setPageSize(size)}
        />
      )}
    </section>
  );
}
