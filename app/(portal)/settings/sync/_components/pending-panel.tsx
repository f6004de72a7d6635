"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime, formatNumber } from "@/app/_components/format";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * What a partial run left to read. Throttling can make a tenant's full read take hours, so a run that
 * runs out of time says who is still waiting rather than pretending it saw everyone. Read again whenever
 * a run ends (the sync panel invalidates it) or anything is changed.
 */
export function PendingPanel() {
  const trpc = useTRPC();
  const query = useQuery(trpc.sync.pending.queryOptions({ take: 20 }));
  const pending = query.data;
  const error = query.error ? messageOf(query.error) : null;
  if (error)
    return (
      <p role="alert" className="mb-3 text-sm text-red-700">
        {error}
      </p>
    );
  if (!pending || pending.unread + pending.failed === 0) return null;
  const total = pending.unread + pending.failed;
  return (
    <section
      aria-labelledby="sync-pending-title"
      className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
      data-testid="sync-pending"
    >
      <h2 id="sync-pending-title" className="font-medium">
        {formatNumber(total)} {total === 1 ? "user's" : "users'"} security keys still to read
      </h2>
      <p className="mt-1">
        {pending.unread
          ? `${formatNumber(pending.unread)} waiting because Entra throttled the reads until the run's time budget ran out. `
          : ""}
        {pending.failed ? `${formatNumber(pending.failed)} whose read failed. ` : ""}
        Figures for these users may be out of date; the next sync reads them first.
      </p>
      <details className="mt-2">
        <summary className="cursor-pointer">Show the first {Math.min(total, pending.users.length)}</summary>
        <ul className="mt-1 space-y-0.5 text-xs">
          {pending.users.map((u) => (
            <li key={u.userId}>
              {u.displayName ?? u.userId}
              {u.userPrincipalName ? ` (${u.userPrincipalName})` : ""} —{" "}
              {u.reason === "failed" ? "read failed" : "not read yet"}, waiting since{" "}
              {formatDateTime(u.since)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
