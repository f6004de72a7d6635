"use client";

import { useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime } from "@/app/_components/format";
import { isoDay } from "@/server/lib/time";

const POLL_MS = 20_000;

/**
 * How fresh the figures are, and the refresh after a sync: every 20 s (while the tab is visible) it asks
 * for the newest finished sync run — one indexed row — and re-renders the page when it changed.
 */
export function Freshness({
  runId,
  lastSync,
  figuresAt,
  reportUpdatedAt,
  signInsThrough,
  snapshotDay,
}: {
  runId: string | null;
  lastSync: Date | null;
  figuresAt: Date | null;
  reportUpdatedAt: Date | null;
  signInsThrough: Date | null;
  snapshotDay: Date | null;
}) {
  const router = useRouter();
  const seen = useRef(runId);
  const [isRefreshing, setRefreshing] = useState(false);
  useEffect(() => {
    seen.current = runId;
    setRefreshing(false);
  }, [runId]);
  // Polled only while the tab is visible; a missed poll is retried on the next tick and the figures on
  // screen stay as they are.
  const trpc = useTRPC();
  const latest = useQuery({
    ...trpc.rollout.latestSync.queryOptions(),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const latestRunId = latest.data?.runId;
  useEffect(() => {
    if (latestRunId && latestRunId !== seen.current) {
      seen.current = latestRunId;
      setRefreshing(true);
      router.refresh();
    }
  }, [latestRunId, router]);
  const item = (label: string, at: Date | null, title?: string) => (
    <span title={title}>
      <span className="text-slate-500">{label}</span>{" "}
      <span className="font-medium text-slate-800">{at ? formatDateTime(at) : "never"}</span>
    </span>
  );
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="freshness"
      data-run-id={runId ?? ""}
      className="mb-5 flex flex-wrap items-center gap-x-5 gap-y-1 rounded-lg border border-slate-200 bg-slate-50 px-4 py-2 text-xs"
    >
      <RefreshCw aria-hidden className={`size-3.5 text-slate-400 ${isRefreshing ? "animate-spin" : ""}`} />
      {item("Last sync", lastSync)}
      {item(
        "Figures computed",
        figuresAt,
        "Adoption, readiness, time to registration, hygiene and stock against demand are computed after each sync and each change to a wave, with each user's state: the lists behind the bars show those same users.",
      )}
      {item(
        "Registration report, newest entry",
        reportUpdatedAt,
        "Entra refreshes the registration report on its own schedule, often hours behind: newly registered keys show here after it catches up.",
      )}
      {item("Sign-ins counted through", signInsThrough)}
      <span>
        <span className="text-slate-500">Trend snapshot</span>{" "}
        <span className="font-medium text-slate-800">{snapshotDay ? isoDay(snapshotDay) : "none yet"}</span>
      </span>
      <span className="text-slate-500">
        {isRefreshing ? "Refreshing after a sync…" : "Refreshes by itself after each sync"}
      </span>
    </div>
  );
}
