"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/app/_components/badge";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { formatDateTime } from "@/app/_components/format";
import { Panel } from "@/app/_components/page-header";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { who } from "@/app/(portal)/_components/case-labels";
import { messageOf, useCase } from "./case-api";
import { ActionError } from "@/app/_components/action-error";
import { textLink } from "@/app/_components/styles";

type Tap = RouterOutputs["recovery"]["listTaps"][number];

// Entra's methodUsabilityReason in words.
const REASON_WORDS: Record<string, string> = {
  OneTimeUsed: "Used",
  Expired: "Expired",
  NotYetValid: "Not yet valid",
  DisabledByPolicy: "Disabled by policy",
};

/**
 * The user's passes as Entra last listed them (not our records): any of them can be revoked. The list
 * is a stored read (read again after each step, and refreshed from Entra by the button): showing it
 * never calls Graph.
 */
export function ActiveTaps() {
  const { view, me, can, reload } = useCase();
  const trpc = useTRPC();
  // While a pass is usable the stored read is looked at again every 30 s (no Graph call): a sync or a
  // step that saw the pass spent shows it, and one past its expiry reads "Expired", without a reload.
  const list = useQuery({
    ...trpc.recovery.listTaps.queryOptions({ userId: view.user.id }),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.some((t) => t.isUsable) ? 30_000 : false),
  });
  const taps: Tap[] | null = list.data ?? null;
  const readAt = list.dataUpdatedAt;
  const isExpired = (t: Tap) => t.expiresAt !== null && t.expiresAt.getTime() <= readAt;
  const refreshTaps = useMutation(trpc.recovery.refreshTaps.mutationOptions());
  const revokeTap = useMutation(trpc.recovery.revokeTap.mutationOptions());
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (list.error ? messageOf(list.error) : null);
  const [revoking, setRevoking] = useState<Tap | null>(null);
  const isBusy = revokeTap.isPending;
  const isRefreshing = refreshTaps.isPending;

  async function refresh() {
    setError(null);
    try {
      await refreshTaps.mutateAsync({ userId: view.user.id });
      await reload();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function revoke() {
    if (!revoking) return;
    setError(null);
    try {
      await revokeTap.mutateAsync({ userId: view.user.id, tapId: revoking.id });
      setRevoking(null);
      await reload();
    } catch (e) {
      setError(messageOf(e));
      setRevoking(null);
    }
  }

  return (
    <Panel
      title="Temporary Access Passes in Entra"
      description="As Entra listed them at the last read. The passes themselves are never shown again."
    >
      <p className="mb-3 flex items-center gap-2 text-xs text-slate-500" data-testid="taps-read-at">
        <span className="flex-1">
          {view.tapState.readAt
            ? `Read from Entra ${formatDateTime(view.tapState.readAt)}.`
            : "Not read from Entra yet."}
        </span>
        <button
          type="button"
          onClick={() => void refresh()}
          disabled={isRefreshing}
          className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        >
          <RefreshCw aria-hidden className={`size-3.5 ${isRefreshing ? "animate-spin" : ""}`} /> Refresh from
          Entra
        </button>
      </p>
      <ActionError error={error} className="text-sm text-red-700" />
      {!taps && !error ? (
        <p role="status" className="text-sm text-slate-500">
          Loading…
        </p>
      ) : null}
      {taps && !taps.length ? (
        <p className="text-sm text-slate-500">
          {view.tapState.readAt
            ? `${view.user.displayName} had no Temporary Access Pass.`
            : "Refresh to see the user's passes."}
        </p>
      ) : null}
      {taps?.length ? (
        <ul className="space-y-3 text-sm" data-testid="entra-taps">
          {taps.map((t) => (
            <li key={t.id} className="flex items-start justify-between gap-2">
              <span>
                <span className="flex items-center gap-2">
                  {t.isUsable && !isExpired(t) ? (
                    <Badge tone="warning">Usable</Badge>
                  ) : t.isUsable ? (
                    <Badge>Expired</Badge>
                  ) : (
                    <Badge>{(t.usabilityReason && REASON_WORDS[t.usabilityReason]) ?? "Not usable"}</Badge>
                  )}
                  {t.isUsableOnce ? <span className="text-xs text-slate-500">one-time</span> : null}
                </span>
                <span className="block text-xs text-slate-600">
                  until {formatDateTime(t.expiresAt)}
                  {t.lifetimeInMinutes ? ` · ${t.lifetimeInMinutes} min` : ""}
                </span>
                <span className="block text-xs text-slate-500">
                  {t.issuance ? (
                    <>
                      issued by {who(t.issuance.issuedById, me)}
                      {t.issuance.caseId ? (
                        <>
                          {" "}
                          for{" "}
                          <Link className={textLink} href={`/cases/${t.issuance.caseId}`}>
                            case #{t.issuance.caseNumber}
                          </Link>
                        </>
                      ) : (
                        ` — ${t.issuance.reason}`
                      )}
                    </>
                  ) : (
                    "not issued through KeyFleet"
                  )}
                </span>
              </span>
              {can.revokeTap ? (
                <button
                  type="button"
                  onClick={() => setRevoking(t)}
                  className="rounded-md border border-slate-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50"
                >
                  Revoke…
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this Temporary Access Pass?"
        confirmLabel="Revoke pass in Entra"
        isBusy={isBusy}
        onCancel={() => setRevoking(null)}
        onConfirm={revoke}
      >
        <p>
          Deletes the pass from {view.user.userPrincipalName} in Entra: it stops working at once. A user who
          has not yet registered their new key will need a new pass.
        </p>
      </ConfirmDialog>
    </Panel>
  );
}
