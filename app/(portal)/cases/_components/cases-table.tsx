"use client";

import { ClipboardList } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import type { z } from "zod";
import { Badge } from "@/app/_components/badge";
import { dataTableColumns, FilteredTable, type ListPage } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/format";
import {
  casePriorities,
  caseStatuses,
  openableCaseKinds,
  type listOutput,
} from "@/server/modules/cases/cases.schemas";
import { priorityLabel } from "./triage-fields";
import { CaseStatusBadge } from "./case-badges";
import { kindLabel, statusLabel, stepLabel, who } from "@/app/(portal)/_components/case-labels";

type CaseRow = z.infer<typeof listOutput>["items"][number];

const col = dataTableColumns<CaseRow>();
const columns = (me: string) =>
  col.columns([
    col.accessor("number", {
      header: "Case",
      cell: (c) => (
        <span className="block whitespace-nowrap">
          <Link
            href={`/cases/${c.row.original.id}`}
            className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
          >
            #{c.getValue()}
          </Link>
          <span className="block text-xs text-slate-500">{kindLabel[c.row.original.kind]}</span>
        </span>
      ),
    }),
    col.accessor("userDisplayName", {
      header: "User",
      cell: (c) => (
        <span className="block min-w-48">
          <span className="flex items-center gap-2">
            <Link
              href={`/users/${c.row.original.userId}`}
              className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
            >
              {c.getValue()}
            </Link>
            {c.row.original.isPrivileged ? <Badge tone="warning">Privileged</Badge> : null}
          </span>
          <span className="block text-xs text-slate-500">{c.row.original.userPrincipalName}</span>
        </span>
      ),
    }),
    col.accessor("keySerials", {
      header: "Keys",
      meta: { className: "font-mono text-xs" },
      cell: (c) => (c.getValue().length ? c.getValue().join(", ") : "—"),
    }),
    col.accessor("status", {
      header: "Status",
      cell: (c) => (
        <span className="flex flex-wrap gap-1">
          <CaseStatusBadge status={c.getValue()} />
          {c.row.original.hasPendingApproval ? <Badge tone="warning">Approval pending</Badge> : null}
        </span>
      ),
    }),
    col.accessor("priority", {
      header: "Priority",
      cell: (c) => (
        <Badge tone={c.getValue() === "urgent" ? "danger" : c.getValue() === "high" ? "warning" : "neutral"}>
          {priorityLabel[c.getValue()]}
        </Badge>
      ),
    }),
    col.accessor("assigneeName", {
      header: "Assignee",
      cell: (c) =>
        c.row.original.assigneeId ? (
          c.row.original.assigneeId === me ? (
            "You"
          ) : (
            (c.getValue() ?? "An agent")
          )
        ) : (
          <span className="text-slate-400">Nobody</span>
        ),
    }),
    col.accessor("nextStep", {
      header: "Next step",
      cell: (c) => (c.getValue() && !c.row.original.closedAt ? stepLabel[c.getValue()!] : "—"),
    }),
    col.accessor("openedById", { header: "Opened by", cell: (c) => who(c.getValue(), me) }),
    col.accessor("updatedAt", {
      header: "Last change",
      meta: { align: "right", className: "whitespace-nowrap text-xs" },
      cell: (c) => formatDateTime(c.getValue()),
    }),
  ]);

const statusOptions = [
  { value: "active", label: "Active (not closed)" },
  ...caseStatuses.map((s) => ({ value: s, label: statusLabel[s] })),
];
const priorityOptions = casePriorities.map((p) => ({ value: p, label: priorityLabel[p] }));
const kindOptions = [...openableCaseKinds, "offboarding" as const].map((k) => ({
  value: k,
  label: kindLabel[k],
}));

export function CasesTable({
  canOpen,
  me,
  agents,
  ...page
}: ListPage<CaseRow> & {
  isFiltered: boolean;
  canOpen: boolean;
  me: string;
  agents: { id: string; name: string }[];
}) {
  const cols = useMemo(() => columns(me), [me]);
  const assigneeOptions = [
    { value: "me", label: "Me" },
    { value: "none", label: "Nobody" },
    ...agents.filter((a) => a.id !== me).map((a) => ({ value: a.id, label: a.name })),
  ];
  return (
    <FilteredTable
      caption="Cases"
      noun="cases"
      columns={cols}
      getRowId={(r) => r.id}
      {...page}
      search={{ placeholder: "Case number, user or serial" }}
      selects={[
        { param: "status", label: "Status", allLabel: "Any status", options: statusOptions },
        { param: "kind", label: "Kind", allLabel: "Any kind", options: kindOptions },
        { param: "priority", label: "Priority", allLabel: "Any priority", options: priorityOptions },
        { param: "assignee", label: "Assignee", allLabel: "Anyone", options: assigneeOptions },
      ]}
      noMatch="Try another search or clear the filters."
      empty={
        <EmptyState
          icon={ClipboardList}
          title="No cases yet"
          action={
            canOpen ? (
              <Link
                href="/cases/new"
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
              >
                Open a case
              </Link>
            ) : null
          }
        >
          When a user reports a lost, stolen, broken or forgotten key, a helpdesk agent opens a case here —
          finding them by name, UPN or key serial.
        </EmptyState>
      }
    />
  );
}
