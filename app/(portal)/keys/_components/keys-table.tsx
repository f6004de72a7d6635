"use client";

import { KeyRound } from "lucide-react";
import Link from "next/link";
import { createContext, useContext, useState } from "react";
import { dataTableColumns, FilteredTable } from "@/app/_components/data-table";
import type { FilterOption, ListPage } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime, humanize } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import type { KeyFilter, KeyRow } from "@/server/modules/inventory/inventory.schemas";
import { keyStatuses } from "@/server/modules/inventory/key-statuses.constants";
import { ExportButton, viewExport } from "@/app/_components/export-button";
import { BulkActions } from "./bulk-actions";
import { textLink } from "@/app/_components/styles";

type Selection = { selected: Map<string, KeyRow>; toggle: (r: KeyRow) => void; canWrite: boolean };
const SelectionContext = createContext<Selection>({ selected: new Map(), toggle: () => {}, canWrite: false });

function SelectCell({ row }: { row: KeyRow }) {
  const s = useContext(SelectionContext);
  if (!s.canWrite) return null;
  return (
    <input
      type="checkbox"
      aria-label={`Select ${row.serial}`}
      checked={s.selected.has(row.id)}
      onChange={() => s.toggle(row)}
      className="size-4"
    />
  );
}

const col = dataTableColumns<KeyRow>();
const columns = col.columns([
  col.display({
    id: "select",
    header: () => <span className="sr-only">Select</span>,
    cell: (c) => <SelectCell row={c.row.original} />,
  }),
  col.accessor("serial", {
    header: "Serial",
    enableSorting: true,
    meta: { className: "font-mono text-xs whitespace-nowrap" },
    cell: (c) => (
      <Link href={`/keys/${c.row.original.id}`} className={textLink}>
        {c.getValue()}
      </Link>
    ),
  }),
  col.accessor("model", { header: "Model", enableSorting: true }),
  col.accessor("site", { header: "Site", enableSorting: true }),
  col.accessor("status", {
    header: "Status",
    enableSorting: true,
    cell: (c) => <KeyStatusBadge status={c.getValue()} />,
  }),
  col.accessor("custodian", {
    header: "Custodian",
    cell: (c) => c.getValue() ?? <span className="text-slate-400">—</span>,
  }),
  col.accessor("statusChangedAt", {
    id: "changed",
    header: "Status since",
    enableSorting: true,
    sortDescFirst: true,
    cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
  }),
]);

const SELECT_ONLY = ["select"] as const;
const statusOptions = keyStatuses.map((s) => ({ value: s, label: humanize(s) }));

export function KeysTable({
  filter,
  canWrite,
  sites,
  models,
  ...page
}: ListPage<KeyRow> & {
  filter: KeyFilter;
  isFiltered: boolean;
  canWrite: boolean;
  sites: FilterOption[];
  models: FilterOption[];
}) {
  const [selected, setSelected] = useState(new Map<string, KeyRow>());
  const toggle = (r: KeyRow) =>
    setSelected((m) => {
      const next = new Map(m);
      if (next.has(r.id)) next.delete(r.id);
      else next.set(r.id, r);
      return next;
    });
  return (
    <SelectionContext.Provider value={{ selected, toggle, canWrite }}>
      {canWrite ? (
        <BulkActions selected={[...selected.values()]} sites={sites} onDone={() => setSelected(new Map())} />
      ) : null}
      <FilteredTable
        caption="Security keys"
        noun="keys"
        columns={columns}
        getRowId={(r) => r.id}
        {...page}
        hiddenColumns={canWrite ? undefined : SELECT_ONLY}
        search={{ placeholder: "Serial, custodian name or UPN" }}
        selects={[
          { param: "status", label: "Status", allLabel: "All statuses", options: statusOptions },
          { param: "site", label: "Site", allLabel: "All sites", options: sites },
          { param: "model", label: "Model", allLabel: "All models", options: models },
        ]}
        actions={<ExportButton source={viewExport("keys", filter, page.view)} />}
        noMatch="Try another serial or status, or clear the filters."
        empty={
          <EmptyState icon={KeyRound} title="No keys yet">
            Receive a purchase order to add keys: each serial you scan or import becomes a key in stock, ready
            to assign.
          </EmptyState>
        }
      />
    </SelectionContext.Provider>
  );
}
