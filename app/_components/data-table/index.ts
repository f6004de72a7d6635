/**
 * The one server-paginated table. State lives in the URL (page, size, sort, filters), so a link
 * reproduces the view; the server filters, sorts and pages; this only renders and navigates.
 *
 * 1. Server page (app/(portal)/keys/page.tsx):
 *
 *      const sp = await searchParams;
 *      const view = readTableView(sp, { sortable: ["serial", "status"], defaultSort: { id: "serial", desc: false } });
 *      const status = readEnumParam(sp, "status", keyStatuses);
 *      const page = await (await serverCaller()).dashboard.keys({ ...view, q: readParam(sp, "q"), status });
 *      return <KeysTable rows={page.items} total={page.total} view={view} />;
 *
 * 2. Client table (app/(portal)/keys/_components/keys-table.tsx, "use client"):
 *
 *      const col = dataTableColumns<KeyRow>();
 *      const columns = col.columns([
 *        col.accessor("serial", { header: "Serial", enableSorting: true, meta: { className: "font-mono" } }),
 *        col.accessor("status", { header: "Status", cell: (c) => <KeyStatusBadge status={c.getValue()} /> }),
 *      ]);                                   // module scope: columns must be stable
 *      <DataTable caption="Security keys" noun="keys" columns={columns} data={rows} total={total} view={view}
 *        getRowId={(r) => r.id} toolbar={<SearchFilter placeholder="Serial or custodian" />}
 *        empty={<EmptyState … />} />
 *
 * A filtered list uses FilteredTable instead: `search`, `selects` and other `filters` make the toolbar (with
 * "Clear filters" for their params), and `isFiltered` + `noMatch` the "No {noun} match these filters" state.
 *
 * Sorting is opt-in per column (`enableSorting: true`, `sortDescFirst` for dates) and must match the
 * server's `sortable` list. Cursor-paged lists pass `paging={{ mode: "cursor", view: readCursorView(sp), nextCursor }}`.
 */
export {
  DataTable,
  dataTableColumns,
  dataTableFeatures,
  type DataTableColumn,
  type DataTableColumnMeta,
  type DataTableProps,
} from "./data-table";
export {
  ClearFilters,
  DateFilter,
  SearchFilter,
  SelectFilter,
  type FilterOption,
  type SelectFilterProps,
} from "./filters";
export { FilteredTable, type FilteredTableProps, type ListPage } from "./filtered-table";
export { PickerFilter, type PickOption } from "./picker-filter";
export { useTableUrl } from "./use-table-url";
export * from "./url-state";
