"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { useServerSeed } from "@/app/_lib/use-server-seed";
import { CaseStatusBadge } from "../../_components/case-badges";
import { stepLabel } from "@/app/(portal)/_components/case-labels";
import { ActiveTaps } from "./active-taps";
import { CaseActivity } from "./case-activity";
import { CaseContext, isConflict, messageOf, type CaseCtx, type CaseView } from "./case-api";
import { CaseSummary } from "./case-summary";
import { PreflightPanel } from "./preflight-panel";
import { StepList } from "./step-list";
import { TapDialog } from "./tap-dialog";

const POLL_MS = 10_000;

const isWaiting = (c: CaseView) => c.isOpen && c.approvals.some((a) => a.status === "pending");

function waitingText(c: CaseView): string {
  if (c.kind === "forgotten") return "Waiting for the key to be back: then close the case.";
  if (c.status === "waiting_registration") {
    return `Waiting for ${c.user.displayName} to register ${c.replacementKey ? `key ${c.replacementKey.serial}` : "a new key"} in Entra; sync closes the case when it sees it.`;
  }
  return "Nothing to run now.";
}

/**
 * The case as one query (`cases.get`): every mutation returns the whole case, which replaces the cached
 * one, and then every query on the page (passes, preflight) is read again. Each mutation carries the
 * version the agent saw, so a change by someone else in between is refused (CONFLICT) and said plainly,
 * instead of acting on a stale picture; for that reason the case is not re-read behind the agent's back
 * when the window regains focus, only when they act, press Reload, or wait for a second agent.
 */
export function CaseWorkspace({ initial, me, can }: { initial: CaseView; me: string; can: CaseCtx["can"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useServerSeed(trpc.cases.get.queryKey({ id: initial.id }), initial);
  const { data: view, refetch } = useQuery({
    ...trpc.cases.get.queryOptions({ id: initial.id }),
    initialData: initial,
    refetchOnWindowFocus: false,
    // While a second agent's decision is awaited, look for it now and then (the other agent acts elsewhere).
    refetchInterval: (q) => (q.state.data && isWaiting(q.state.data) ? POLL_MS : false),
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const [tapsVersion, setTapsVersion] = useState(0);
  const [isReloading, setReloading] = useState(false);
  const banner = useRef<HTMLDivElement>(null);
  // The agent may be far down the page: bring the conflict into view (and focus, for screen readers).
  useEffect(() => {
    if (conflict) banner.current?.focus();
  }, [conflict]);
  const [tapDialog, setTapDialog] = useState<{ replaceExisting: boolean } | null>(null);
  const openTapDialog = useCallback((replaceExisting: boolean) => setTapDialog({ replaceExisting }), []);

  const reload = useCallback(async () => {
    setReloading(true);
    try {
      await refetch({ throwOnError: true });
      setConflict(null);
      setTapsVersion((v) => v + 1);
    } finally {
      setReloading(false);
    }
  }, [refetch]);

  const act = useCallback<CaseCtx["act"]>(
    async (call) => {
      try {
        queryClient.setQueryData(trpc.cases.get.queryKey({ id: initial.id }), await call(view.version));
        // What the step changed (the passes, the preflight) is read again; some calls bypass the
        // mutation cache (issuing a TAP: its answer holds the pass and must not be kept anywhere).
        void queryClient.invalidateQueries();
        setConflict(null);
        setTapsVersion((v) => v + 1);
        return { ok: true };
      } catch (e) {
        const conflicted = isConflict(e);
        if (conflicted) setConflict(messageOf(e));
        return { ok: false, message: messageOf(e), isConflict: conflicted };
      }
    },
    [view.version, queryClient, trpc, initial.id],
  );

  const next = view.steps.find((s) => s.isNext);
  const ctx = useMemo<CaseCtx>(
    () => ({ view, me, can, act, reload, tapsVersion, openTapDialog }),
    [view, me, can, act, reload, tapsVersion, openTapDialog],
  );
  return (
    <CaseContext.Provider value={ctx}>
      {conflict ? (
        <div
          ref={banner}
          tabIndex={-1}
          role="alert"
          data-testid="case-conflict"
          className="scroll-mt-4 mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          <p className="flex-1">
            <strong>Another agent changed case #{view.number} while you had it open.</strong> Nothing you
            asked for was done. {conflict} Reload to see the case as it is now, then decide again.
          </p>
          <button
            type="button"
            onClick={() => void reload()}
            disabled={isReloading}
            className="inline-flex items-center gap-1.5 rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-60"
          >
            <RefreshCw aria-hidden className={`size-4 ${isReloading ? "animate-spin" : ""}`} /> Reload case
          </button>
        </div>
      ) : null}
      <p
        role="status"
        aria-live="polite"
        className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-600"
        data-testid="case-status"
      >
        <CaseStatusBadge status={view.status} />
        {view.isOpen ? (
          next ? (
            <>
              Next: <strong className="text-slate-900">{stepLabel[next.kind]}</strong>
            </>
          ) : (
            waitingText(view)
          )
        ) : null}
        <button
          type="button"
          onClick={() => void reload()}
          disabled={isReloading}
          className="ml-auto inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
        >
          <RefreshCw aria-hidden className={`size-3.5 ${isReloading ? "animate-spin" : ""}`} /> Refresh
        </button>
      </p>
      {view.reminder ? (
        <p
          role="status"
          className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="case-reminder"
        >
          {view.reminder}
        </p>
      ) : null}
      <PreflightPanel />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <StepList />
        <div className="space-y-6">
          <CaseSummary />
          <CaseActivity />
          <ActiveTaps />
        </div>
      </div>
      {/* Mounted only while open: the pass lives in the dialog's state and is gone when it unmounts. */}
      {tapDialog ? (
        <TapDialog replaceExisting={tapDialog.replaceExisting} onClose={() => setTapDialog(null)} />
      ) : null}
    </CaseContext.Provider>
  );
}
