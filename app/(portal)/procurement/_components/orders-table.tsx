"use client";

import Link from "next/link";
import { ShoppingCart } from "lucide-react";
import { dataTableColumns, FilteredTable, type ListPage } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDate, formatNumber, humanize } from "@/app/_components/format";
import { poStatuses, type PoExportInput, type PoRow } from "@/server/modules/procurement/procurement.schemas";
import { ExportButton, viewExport } from "@/app/_components/export-button";
import { money } from "./money";
import { PoStatusBadge } from "./po-status-badge";

const col = dataTableColumns<PoRow>();
const columns = col.columns([
  col.accessor("number", {
    header: "Order",
    enableSorting: true,
    cell: (c) => (
      <Link
        href={`/procurement/orders/${c.row.original.id}`}
        className="font-medium text-brand-600 hover:underline"
      >
        {c.getValue()}
      </Link>
    ),
  }),
  col.accessor("vendor", { header: "Vendor" }),
  col.accessor("site", { header: "Site" }),
  col.accessor("status", {
    header: "Status",
    enableSorting: true,
    cell: (c) => <PoStatusBadge status={c.getValue()} isOverdue={c.row.original.isOverdue} />,
  }),
  col.accessor("expectedDate", {
    id: "expected",
    header: "Expected",
    enableSorting: true,
    cell: (c) => formatDate(c.getValue()),
  }),
  col.accessor("received", {
    header: "Received",
    meta: { align: "right" },
    cell: (c) => `${formatNumber(c.getValue())} / ${formatNumber(c.row.original.quantity)}`,
  }),
  col.accessor("totalCents", { header: "Total", meta: { align: "right" }, cell: (c) => money(c.getValue()) }),
  col.accessor("createdAt", {
    id: "created",
    header: "Created",
    enableSorting: true,
    sortDescFirst: true,
    cell: (c) => formatDate(c.getValue()),
  }),
]);

const statusOptions = poStatuses.map((s) => ({
  value: s,
  label: s === "closed" ? "Closed short" : humanize(s),
}));
const showOptions = [
  { value: "open", label: "Open (draft or not fully received)" },
  { value: "overdue", label: "Overdue" },
];

/** `filter` is what the page filtered by, so the export is exactly this view (every page, same sort). */
export function OrdersTable({
  filter,
  ...page
}: ListPage<PoRow> & {
  filter: Omit<PoExportInput, "sort">;
}) {
  return (
    <FilteredTable
      caption="Purchase orders"
      noun="orders"
      columns={columns}
      getRowId={(r) => r.id}
      {...page}
      search={{ placeholder: "Order number or vendor", width: "w-56" }}
      selects={[
        { param: "status", label: "Status", allLabel: "All statuses", options: statusOptions },
        { param: "show", label: "Show", allLabel: "All orders", options: showOptions },
      ]}
      actions={<ExportButton source={viewExport("orders", filter, page.view)} />}
      empty={
        <EmptyState icon={ShoppingCart} title="No purchase orders match">
          Create an order, or clear the filters.
        </EmptyState>
      }
    />
  );
}
