"use client";

import { Users } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { dataTableColumns, FilteredTable } from "@/app/_components/data-table";
import type { FilterOption, ListPage } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { ExportButton, viewExport } from "@/app/_components/export-button";
import type { UserRow, userExportInput } from "@/server/modules/dashboards/dashboards.schemas";
import type { z } from "zod";

type UserExportInput = z.input<typeof userExportInput>;

const col = dataTableColumns<UserRow>();
const columns = col.columns([
  col.accessor("displayName", {
    id: "name",
    header: "Name",
    enableSorting: true,
    cell: (c) => (
      <span className="block min-w-56">
        <span className="flex items-center gap-2">
          <Link
            href={`/users/${c.row.original.id}`}
            className="whitespace-nowrap font-medium text-slate-900 hover:text-brand-700 hover:underline"
          >
            {c.getValue()}
          </Link>
          {c.row.original.isPrivileged ? <Badge tone="warning">Privileged</Badge> : null}
          {!c.row.original.accountEnabled ? <Badge>Disabled</Badge> : null}
        </span>
        <span className="block text-xs text-slate-500">{c.row.original.userPrincipalName}</span>
      </span>
    ),
  }),
  col.accessor("department", { header: "Department", enableSorting: true, cell: (c) => c.getValue() ?? "—" }),
  col.accessor("jobTitle", { header: "Job title", cell: (c) => c.getValue() ?? "—" }),
  col.accessor("site", {
    header: "Office",
    meta: { className: "whitespace-nowrap" },
    enableSorting: true,
    cell: (c) => c.getValue() ?? "—",
  }),
  col.accessor("keysHeld", {
    header: "Keys held",
    meta: { className: "text-right tabular-nums" },
    cell: (c) => (c.getValue() ? c.getValue() : <span className="text-slate-400">0</span>),
  }),
  col.accessor("isPasswordlessCapable", {
    header: "Passwordless",
    cell: (c) =>
      c.getValue() ? <Badge tone="success">Capable</Badge> : <Badge tone="neutral">Not yet</Badge>,
  }),
]);

const passwordlessOptions = [
  { value: "yes", label: "Passwordless-capable" },
  { value: "no", label: "Not yet passwordless" },
];

const privilegedOptions = [
  { value: "yes", label: "Privileged only" },
  { value: "no", label: "Not privileged" },
];

const rolloutParams = ["wave", "department", "site", "state", "stale"] as const;

export function UsersTable({
  filter,
  rolloutContext,
  stateOptions,
  ...page
}: ListPage<UserRow> & {
  /** The filters the page read from the URL: the export writes exactly this view. */
  filter: Omit<UserExportInput, "sort">;
  isFiltered: boolean;
  /** Set when the list was opened from a rollout chart: which wave, department or site it shows. */
  rolloutContext: string | null;
  stateOptions: FilterOption[];
}) {
  return (
    <FilteredTable
      caption="Directory users"
      noun="users"
      columns={columns}
      getRowId={(r) => r.id}
      {...page}
      search={{ placeholder: "Name, UPN or department" }}
      selects={[
        { param: "passwordless", label: "Passwordless", allLabel: "Everyone", options: passwordlessOptions },
        { param: "privileged", label: "Privileged", allLabel: "Everyone", options: privilegedOptions },
        { param: "state", label: "Rollout state", allLabel: "Any", options: stateOptions },
      ]}
      filters={
        rolloutContext ? (
          <p className="self-end pb-1.5 text-sm text-slate-600" data-testid="rollout-context">
            From Rollout: <span className="font-medium text-slate-900">{rolloutContext}</span>
          </p>
        ) : null
      }
      clear={rolloutParams}
      actions={<ExportButton source={viewExport("users", filter, page.view)} />}
      noMatch="Try another name or clear the filters."
      empty={
        <EmptyState icon={Users} title="No users yet">
          Users appear after the first directory sync from Entra ID: names, departments, sites and
          registration state.
        </EmptyState>
      }
    />
  );
}
