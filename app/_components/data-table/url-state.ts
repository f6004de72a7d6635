// The table's view lives in the URL so a link reproduces it. This module is plain TypeScript (no
// "use client"): server pages read the view with it, the client table writes it back.
//
//   ?page=3&size=50&sort=-serial&q=ab12&status=in_stock
//   page  1-based page number (absent = 1)
//   size  rows per page, one of the allowed sizes (absent = the default)
//   sort  a sortable column id, "-" prefix = descending (absent = the default sort)
//   everything else is a filter the page reads with readParam()/readParams().
// Cursor-paged lists (e.g. the audit trail) use `cursor` and `trail` (the cursors of the pages before).

export type SearchParams = Record<string, string | string[] | undefined>;

export interface TableSort {
  id: string;
  desc: boolean;
}

export interface TableView {
  page: number;
  pageSize: number;
  sort: TableSort | null;
}

export interface TableViewOptions<TSort extends string = string> {
  /** Column ids the server can sort by; anything else in the URL is ignored. */
  sortable?: readonly TSort[];
  defaultSort?: TableSort & { id: TSort };
  pageSizes?: readonly number[];
  defaultPageSize?: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
/** Query-string names the table itself owns; filters must not use them. */
export const TABLE_PARAMS = {
  page: "page",
  size: "size",
  sort: "sort",
  cursor: "cursor",
  trail: "trail",
} as const;

/** First value of a search param, trimmed; empty → undefined. */
export function readParam(params: SearchParams, name: string): string | undefined {
  const raw = params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/** A param restricted to a closed set of values (e.g. a status filter); anything else → undefined. */
export function readEnumParam<T extends string>(
  params: SearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = readParam(params, name);
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A yyyy-mm-dd date param as a Date at UTC midnight; malformed → undefined. */
export function readDateParam(params: SearchParams, name: string): Date | undefined {
  const value = readParam(params, name);
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function parseSort(value: string | undefined): TableSort | null {
  if (!value) return null;
  const desc = value.startsWith("-");
  const id = desc ? value.slice(1) : value;
  return id ? { id, desc } : null;
}

export const formatSort = (sort: TableSort | null): string | null =>
  sort ? `${sort.desc ? "-" : ""}${sort.id}` : null;

export function readTableView<TSort extends string>(
  params: SearchParams,
  options: TableViewOptions<TSort> = {},
): TableView & { sort: (TableSort & { id: TSort }) | null } {
  const pageSizes = options.pageSizes ?? PAGE_SIZES;
  const defaultPageSize = options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  const page = Number(readParam(params, TABLE_PARAMS.page));
  const size = Number(readParam(params, TABLE_PARAMS.size));
  const sort = parseSort(readParam(params, TABLE_PARAMS.sort));
  const sortable = (options.sortable ?? []) as readonly string[];
  return {
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
    pageSize: pageSizes.includes(size) ? size : defaultPageSize,
    sort:
      sort && sortable.includes(sort.id)
        ? (sort as TableSort & { id: TSort })
        : (options.defaultSort ?? null),
  };
}

export interface CursorView {
  cursor: string | undefined;
  /** Cursors of the pages before this one (the first page has none). */
  trail: string[];
}

const CURSOR = /^[A-Za-z0-9_-]{1,64}$/;

export function readCursorView(params: SearchParams): CursorView {
  const cursor = readParam(params, TABLE_PARAMS.cursor);
  const trail = (readParam(params, TABLE_PARAMS.trail) ?? "").split(",").filter((c) => CURSOR.test(c));
  return cursor && CURSOR.test(cursor) ? { cursor, trail } : { cursor: undefined, trail: [] };
}
