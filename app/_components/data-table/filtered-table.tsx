"use client";

import type { RowData } from "@tanstack/react-table";
import { SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { EmptyState } from "../empty-state";
import { DataTable, type DataTableProps } from "./data-table";
import { ClearFilters, SearchFilter, SelectFilter, type SelectFilterProps } from "./filters";
import type { TableView } from "./url-state";

/** What a server page hands its list: one page of rows, how many match, and the view the URL asked for. */
export interface ListPage<T> {
  rows: T[];
  total: number;
  view: TableView;
}

export type FilteredTableProps<T extends RowData> = Omit<DataTableProps<T>, "toolbar" | "noun" | "data"> &
  ListPage<T> & {
    /** Plural noun for the count line and the no-match title, e.g. "keys". */
    noun: string;
    /** A free-text search first in the toolbar, in the `q` param. */
    search?: { placeholder: string; width?: string };
    /** One SelectFilter each, after the search. */
    selects?: readonly SelectFilterProps[];
    /** Any other filter controls, after the selects (pickers, dates, a note). */
    filters?: ReactNode;
    /** The URL params those other filters set: "Clear filters" resets them with `q` and the selects'. */
    clear?: readonly string[];
    /** After "Clear filters", e.g. an ExportButton. */
    actions?: ReactNode;
    /** Whether any filter is set: with no rows, the table then says nothing matched and `noMatch`. */
    isFiltered?: boolean;
    /** What to try when the filters matched nothing, e.g. "Try another name or clear the filters." */
    noMatch?: ReactNode;
  };

/**
 * A DataTable with a filter toolbar: search, selects, other filters, "Clear filters", then any actions.
 * With no rows it says "No {noun} match these filters" while filtered, and otherwise shows `empty`.
 */
export function FilteredTable<T extends RowData>({
  rows,
  search,
  selects = [],
  filters,
  clear = [],
  actions,
  isFiltered = false,
  noMatch,
  empty,
  ...table
}: FilteredTableProps<T>) {
  const params = [...(search ? ["q"] : []), ...selects.map((s) => s.param), ...clear];
  return (
    <DataTable
      {...table}
      data={rows}
      toolbar={
        <>
          {search ? <SearchFilter {...search} /> : null}
          {selects.map((s) => (
            <SelectFilter key={s.param} {...s} />
          ))}
          {filters}
          <ClearFilters params={params} />
          {actions}
        </>
      }
      empty={
        isFiltered ? (
          <EmptyState icon={SearchX} title={`No ${table.noun} match these filters`}>
            {noMatch}
          </EmptyState>
        ) : (
          empty
        )
      }
    />
  );
}
