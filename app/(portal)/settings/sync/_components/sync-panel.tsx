"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useEffect, useState } from "react";
import { Badge } from "@/app/_components/badge";
import { formatDateTime, formatNumber } from "@/app/_components/format";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { useServerSeed } from "@/app/_lib/use-server-seed";
import { FullSyncButton } from "./full-sync-button";
import { PendingPanel } from "./pending-panel";

type RunRow = NonNullable<RouterOutputs["sync"]["run"]>;
type RunsPage = RouterOutputs["sync"]["runs"];

const tone = { running: "info", succeeded: "success", partial: "warning", failed: "danger" } as const;
const duration = (s: number) =>
  s < 90
    ? `${Math.max(1, Math.round(s))} s`
    : s < 5400
      ? `${Math.round(s / 60)} min`
      : `${(s / 3600).toFixed(1)} h`;
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);
const cell = "px-2 py-2";
const num = "px-2 py-2 text-right tabular-nums";
const kindLabel: Record<string, string> = {
  full: "full",
  incremental: "incremental",
  user: "one user",
  snapshot: "snapshot",
};
const phaseLabel: Record<string, string> = {
  starting: "starting",
  users: "reading users (delta)",
  report: "registration report and FIDO2 methods",
  methods: "FIDO2 methods of users who may have changed",
  matching: "linking credentials to keys",
  "post-sync": "finishing",
};

/** The run's error count; the messages open under it (the run row keeps the first 50). */
function RunErrors({ errors: list }: { errors: RunRow["errors"] }) {
  if (!list.length) return <span className="text-slate-400">0</span>;
  return (
    <details className="max-w-xs">
      <summary className="cursor-pointer text-red-700">{list.length}</summary>
      <ul className="mt-1 space-y-1 text-xs text-slate-700">
        {list.slice(0, 10).map((e, i) => (
          <li key={i} className="break-words">
            {e.message ?? "unknown error"}
            {e.userId ? ` (user ${e.userId})` : ""}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Live progress of the run in flight: polls sync.run every second until it ends. */
function LiveProgress({ run }: { run: RunRow }) {
  const p = run.progress ?? {};
  const share = p.queued ? Math.min(100, Math.round(((p.fetched ?? 0) / p.queued) * 100)) : null;
  return (
    <div
      role="status"
      aria-live="polite"
      className="mb-4 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900"
      data-testid="sync-progress"
    >
      <p className="font-medium">Sync running: {phaseLabel[p.phase ?? "starting"] ?? p.phase}</p>
      <p className="mt-1">
        {formatNumber(p.users ?? 0)} users read · report {formatNumber(p.reportPages ?? 0)} pages (
        {formatNumber(p.reportUsers ?? 0)} users) · FIDO2 methods {formatNumber(p.fetched ?? 0)} /{" "}
        {formatNumber(p.queued ?? 0)} users · {formatNumber(p.requests ?? 0)} Graph requests
        {p.throttled ? `, ${formatNumber(p.throttled)} throttled` : ""}
      </p>
      {p.etaSeconds ? (
        <p className="mt-1" data-testid="sync-eta">
          About {duration(p.etaSeconds)} left at the rate Entra allows now.
        </p>
      ) : null}
      {share !== null ? (
        <div className="mt-2 h-2 w-full overflow-hidden rounded bg-sky-100" aria-hidden>
          <div className="h-2 bg-sky-500 transition-all" style={{ width: `${share}%` }} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The runs, read through the query cache: the page's read first, then again whenever a run ends or is
 * started. The run in flight is polled every second until it ends.
 */
export function SyncPanel({
  initialRuns,
  canRun,
  fullSyncEstimate,
}: {
  initialRuns: RunsPage;
  canRun: boolean;
  /** The Full sync dialog's "takes about …" sentence (schedule-text.ts). */
  fullSyncEstimate: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useServerSeed(trpc.sync.runs.queryKey({ pageSize: 20 }), initialRuns);
  const runsQuery = useQuery({ ...trpc.sync.runs.queryOptions({ pageSize: 20 }), initialData: initialRuns });
  const runs = runsQuery.data.items;
  const [liveId, setLiveId] = useState(() => initialRuns.items.find((r) => r.status === "running")?.id);
  const liveQuery = useQuery({
    ...trpc.sync.run.queryOptions({ id: liveId ?? "" }),
    enabled: Boolean(liveId),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.status === "running" ? 1_000 : false),
  });
  const live = liveQuery.data ?? null;
  const start = useMutation(trpc.sync.start.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const isStarting = start.isPending;

  // The run ended: the list and what it left to read change with it.
  const liveStatus = live?.status;
  useEffect(() => {
    if (liveStatus && liveStatus !== "running") {
      void queryClient.invalidateQueries({ queryKey: trpc.sync.runs.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.sync.pending.queryKey() });
    }
  }, [liveStatus, queryClient, trpc]);
  const pollError = liveQuery.error ? messageOf(liveQuery.error) : null;

  async function syncNow() {
    setError(null);
    try {
      const started = await start.mutateAsync({ full: false });
      if (!started.runId) return setError("The sync could not start; see the server log.");
      setLiveId(started.runId);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const isRunning = live?.status === "running";
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        {canRun ? (
          <button
            type="button"
            onClick={syncNow}
            disabled={isStarting || isRunning}
            className="inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            data-testid="sync-now"
          >
            <RefreshCw aria-hidden className={`size-4 ${isRunning ? "animate-spin" : ""}`} />
            {isRunning ? "Syncing…" : "Sync now"}
          </button>
        ) : null}
        {canRun ? (
          <FullSyncButton
            disabled={isStarting || isRunning}
            estimate={fullSyncEstimate}
            onStarted={setLiveId}
            onError={setError}
          />
        ) : null}
        <p className="text-sm text-slate-600">
          Reads Entra only (users, registration report, FIDO2 methods of users whose state changed); changes
          nothing there.
        </p>
      </div>
      {error || pollError ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {error ?? pollError}
        </p>
      ) : null}
      {live && isRunning ? <LiveProgress run={live} /> : null}
      <PendingPanel />
      {live && !isRunning && live.status === "failed" ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          The last sync failed: {live.errors[0]?.message ?? "unknown error"}
        </p>
      ) : null}
      {/* Focusable so keyboard users can scroll the wide table sideways. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Sync runs">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="sync-runs">
          <caption className="sr-only">Sync runs, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className={cell}>
                Started
              </th>
              <th scope="col" className={cell}>
                Kind
              </th>
              <th scope="col" className={cell}>
                Status
              </th>
              <th scope="col" className={num}>
                Duration
              </th>
              <th scope="col" className={num}>
                Graph requests
              </th>
              <th scope="col" className={num}>
                <abbr title="Users added / changed / removed" className="no-underline">
                  Users +/~/−
                </abbr>
              </th>
              <th scope="col" className={num}>
                <abbr title="Credentials added / changed / removed" className="no-underline">
                  Credentials +/~/−
                </abbr>
              </th>
              <th scope="col" className={num}>
                <abbr
                  title="Credentials linked to a key / queued for an agent to review"
                  className="no-underline"
                >
                  Matched / review
                </abbr>
              </th>
              <th scope="col" className={cell}>
                Errors
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {runs.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
                  No sync has run yet.
                  {canRun
                    ? " Press Sync now to read the tenant for the first time."
                    : " The first scheduled run will appear here."}
                </td>
              </tr>
            ) : (
              runs.map((r) => (
                <tr key={r.id}>
                  <td className={`${cell} whitespace-nowrap`}>{formatDateTime(r.startedAt)}</td>
                  <td className={cell}>{kindLabel[r.kind] ?? r.kind}</td>
                  <td className={cell}>
                    <Badge tone={tone[r.status]}>{r.status}</Badge>
                    {r.status === "partial" ? (
                      <span className="block text-xs text-amber-700">
                        {formatNumber(r.pendingUsers + r.failedUsers)} users left to read
                      </span>
                    ) : null}
                  </td>
                  <td className={num}>{seconds(r.durationMs)}</td>
                  <td className={num}>
                    {formatNumber(r.graphRequests)}
                    {r.throttled ? (
                      <span className="block text-xs text-amber-700">
                        {formatNumber(r.throttled)} throttled
                      </span>
                    ) : null}
                  </td>
                  <td className={num}>
                    {r.usersAdded}/{r.usersChanged}/{r.usersRemoved}
                  </td>
                  <td className={num}>
                    {r.credentialsAdded}/{r.credentialsChanged}/{r.credentialsRemoved}
                  </td>
                  <td className={num}>
                    {formatNumber(r.matched)}/{formatNumber(r.reviewQueued)}
                  </td>
                  <td className={cell}>
                    <RunErrors errors={r.errors} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
