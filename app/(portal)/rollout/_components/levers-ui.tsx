import { TRPCError } from "@trpc/server";
import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/app/_components/badge";
import { EmptyState } from "@/app/_components/empty-state";
import { Panel } from "@/app/_components/page-header";

// Small pieces the security lead's pages share (readiness, key restrictions).

export const statusLabels = {
  covered_ready: "Covered and ready",
  covered_not_ready: "Covered, not ready",
  ready_not_covered: "Ready, not covered",
  not_ready_not_covered: "Neither covered nor ready",
  would_lock_out: "Would be locked out",
} as const;

export const statusTones: Record<keyof typeof statusLabels, BadgeTone> = {
  covered_ready: "success",
  covered_not_ready: "danger",
  ready_not_covered: "info",
  not_ready_not_covered: "warning",
  would_lock_out: "danger",
};

const policyStateLabel = { enabled: "On", report_only: "Report-only", disabled: "Off" } as const;
const policyStateTone = { enabled: "success", report_only: "warning", disabled: "neutral" } as const;

export function PolicyState({ state }: { state: keyof typeof policyStateLabel }) {
  return <Badge tone={policyStateTone[state]}>{policyStateLabel[state]}</Badge>;
}

/** Runs a read; a refusal (no tenant, a missing permission) becomes its message for the page to show. */
export async function attempt<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof TRPCError && e.code !== "INTERNAL_SERVER_ERROR")
      return { ok: false, message: e.message };
    throw e;
  }
}

export function Unavailable({ title, message }: { title: string; message: string }) {
  return (
    <Panel>
      <div className="py-8">
        <EmptyState icon={ShieldAlert} title={title}>
          {message}
        </EmptyState>
      </div>
    </Panel>
  );
}

/** A plain, horizontally scrolling table (server rendered). */
export function SimpleTable({
  head,
  children,
  label,
}: {
  head: ReactNode[];
  children: ReactNode;
  label: string;
}) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table aria-label={label} className="w-full min-w-[640px] text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-5 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  href,
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = "rounded-md border border-slate-200 px-3 py-1 text-sm hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>
        Page {page} of {pages} · {total} people
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={href(page - 1)}>
            Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={link} href={href(page + 1)}>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
