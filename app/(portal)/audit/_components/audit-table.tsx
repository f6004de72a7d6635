"use client";

import { ScrollText } from "lucide-react";
import { dataTableColumns, DateFilter, FilteredTable } from "@/app/_components/data-table";
import Link from "next/link";
import type { CursorView } from "@/app/_components/data-table/url-state";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/format";
import type { RouterOutputs } from "@/app/_lib/trpc";
import { AuditDiff } from "./audit-diff";
import { ActorPicker, SubjectPicker } from "./audit-pickers";
import { inlineLink } from "@/app/_components/styles";

/** One audit event as `audit.list` returns it. */
type AuditRow = RouterOutputs["audit"]["list"]["items"][number];

const col = dataTableColumns<AuditRow>();
const columns = col.columns([
  col.accessor("seq", { header: "#", meta: { align: "right", className: "text-xs text-slate-500" } }),
  col.accessor("at", {
    header: "Time",
    cell: (c) => <span className="whitespace-nowrap">{formatDateTime(c.getValue())}</span>,
  }),
  col.accessor("actorName", {
    header: "Actor",
    cell: (c) => (
      <span>
        <span className="block font-medium text-slate-900">{c.getValue()}</span>
        <span className="block text-xs capitalize text-slate-500">{c.row.original.role}</span>
      </span>
    ),
  }),
  col.accessor("action", {
    header: "Action",
    // Words first; the code second, for whoever searches logs or the export by it.
    cell: (c) => (
      <span title={c.getValue()}>
        <span className="block text-slate-900">{c.row.original.actionName}</span>
        <code className="block text-xs text-slate-500">{c.getValue()}</code>
      </span>
    ),
  }),
  col.accessor("subjectId", {
    header: "Subject",
    cell: (c) => {
      const r = c.row.original;
      return (
        <span>
          <span className="block text-xs text-slate-500">{r.subjectKind}</span>
          {r.subjectName && r.subjectHref ? (
            <Link className={inlineLink} href={r.subjectHref}>
              {r.subjectName}
            </Link>
          ) : r.subjectName ? (
            <span>{r.subjectName}</span>
          ) : (
            // Gone since (or never a record): its id, plainly.
            <span className="block break-all font-mono text-xs">{c.getValue()}</span>
          )}
        </span>
      );
    },
  }),
  col.display({
    id: "change",
    header: "Change",
    cell: (c) => <AuditDiff changes={c.row.original.changes} />,
  }),
  col.accessor("requestId", {
    header: "Request",
    meta: { className: "max-w-36 truncate font-mono text-xs text-slate-500" },
  }),
]);

export function AuditTable({
  rows,
  total,
  nextCursor,
  cursorView,
  pageSize,
  actions,
  isFiltered,
  applied,
}: {
  rows: AuditRow[];
  total: number;
  nextCursor: string | undefined;
  cursorView: CursorView;
  pageSize: number;
  /** The actions in the trail, as filter options: the code is the value, the label says it in words. */
  actions: { value: string; label: string }[];
  isFiltered: boolean;
  /** The filtered actor's and subject's names. */
  applied: { actor: string | null; subject: string | null };
}) {
  return (
    <FilteredTable
      caption="Audit events, newest first"
      noun="events"
      columns={columns}
      rows={rows}
      total={total}
      view={{ page: 1, pageSize, sort: null }}
      getRowId={(r) => r.seq}
      paging={{ mode: "cursor", view: cursorView, nextCursor }}
      selects={[{ param: "action", label: "Action", allLabel: "All actions", options: actions }]}
      filters={
        <>
          <ActorPicker selected={applied.actor} />
          <SubjectPicker selected={applied.subject} />
          <DateFilter param="from" label="From" />
          <DateFilter param="to" label="To" />
        </>
      }
      clear={["actor", "subjectType", "subject", "from", "to"]}
      isFiltered={isFiltered}
      noMatch="Widen the date range or clear the filters."
      empty={
        <EmptyState icon={ScrollText} title="No audit events yet">
          Every change — a key assigned, a credential revoked, a TAP issued — is recorded here in the same
          transaction as the change itself.
        </EmptyState>
      }
    />
  );
}
