import { ShieldAlert, ShieldCheck } from "lucide-react";
import {
  readCursorView,
  readDateParam,
  readParam,
  type SearchParams,
} from "@/app/_components/data-table/url-state";
import { formatNumber } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { AuditExport } from "./_components/audit-export";
import { AuditTable } from "./_components/audit-table";
import { DAY } from "@/server/lib/time";
import { auditActionName } from "@/server/modules/audit/action-names.constants";

export const metadata = { title: "Audit" };

const PAGE_SIZE = 25;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("audit.read");
  const sp = await searchParams;
  const cursorView = readCursorView(sp);
  const from = readDateParam(sp, "from");
  const to = readDateParam(sp, "to");
  const filter = {
    action: readParam(sp, "action"),
    actorId: readParam(sp, "actor"),
    subjectType: readParam(sp, "subjectType"),
    subjectId: readParam(sp, "subject"),
    from,
    // The "to" date is inclusive for people; the service's bound is exclusive.
    to: to ? new Date(to.getTime() + DAY) : undefined,
  };
  const caller = await serverCaller();
  const [page, actions, chain] = await Promise.all([
    caller.audit.list({ ...filter, cursor: cursorView.cursor, pageSize: PAGE_SIZE }),
    caller.audit.actions(),
    caller.audit.verify(),
  ]);
  const isFiltered = Object.values(filter).some((v) => v !== undefined);

  return (
    <>
      <PageHeader
        eyebrow="Security"
        title="Audit trail"
        description="Every change, with who made it, in which role, the before and after, and the request it came from. Events are append-only and hash-chained."
        actions={<AuditExport filter={filter} />}
      />
      {chain.ok ? (
        <p
          role="status"
          data-testid="chain-status"
          className="mb-4 flex items-center gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800"
        >
          <ShieldCheck aria-hidden className="size-4 shrink-0" />
          Chain intact — {formatNumber(chain.checked)} {chain.checked === 1 ? "event" : "events"} verified,
          each linked to the hash of the one before.
        </p>
      ) : (
        <p
          role="alert"
          data-testid="chain-status"
          className="mb-4 flex items-center gap-2 rounded-lg border border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-800"
        >
          <ShieldAlert aria-hidden className="size-4 shrink-0" />
          Chain broken at event #{chain.brokenAt}: {chain.reason}. {formatNumber(chain.checked)} events before
          it verify.
        </p>
      )}
      <AuditTable
        rows={page.items}
        total={page.total}
        nextCursor={page.nextCursor}
        cursorView={cursorView}
        pageSize={PAGE_SIZE}
        actions={actions
          .map((a) => ({ value: a, label: `${auditActionName(a)} (${a})` }))
          .sort((x, y) => x.label.localeCompare(y.label, "en-GB"))}
        isFiltered={isFiltered}
        applied={page.applied}
      />
    </>
  );
}
