"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * "Full sync": asks first, saying what a full run reads and how long it should take, then starts it. The
 * server refuses while another run holds the lease; its message goes to `onError`.
 */
export function FullSyncButton({
  disabled,
  estimate,
  onStarted,
  onError,
}: {
  disabled: boolean;
  estimate: string;
  onStarted: (runId: string) => void;
  onError: (message: string | null) => void;
}) {
  const trpc = useTRPC();
  const full = useMutation(trpc.sync.full.mutationOptions());
  const [isAsking, setAsking] = useState(false);

  async function confirm() {
    onError(null);
    try {
      const started = await full.mutateAsync();
      if (started.runId) onStarted(started.runId);
      else onError("The full sync could not start; see the server log.");
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setAsking(false);
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setAsking(true)}
        disabled={disabled || full.isPending}
        className="inline-flex shrink-0 items-center whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
      >
        Full sync
      </button>
      <ConfirmDialog
        open={isAsking}
        title="Run a full sync now?"
        confirmLabel="Start full sync"
        tone="neutral"
        isBusy={full.isPending}
        onConfirm={confirm}
        onCancel={() => setAsking(false)}
      >
        <p>
          A full sync re-reads everyone: every user in Entra from scratch, the whole registration report, and
          the security keys of every user the report shows with one. It only reads; nothing changes in Entra.
        </p>
        <p className="mt-2">{estimate}</p>
        <p className="mt-2">
          A scheduled sync that falls due meanwhile is skipped; the next one runs as usual.
        </p>
      </ConfirmDialog>
    </>
  );
}
