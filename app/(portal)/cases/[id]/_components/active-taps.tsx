"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { api } from "@/app/(portal)/procurement/_components/api";
import { Badge } from "@/app/_components/badge";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { formatDateTime } from "@/app/_components/format";
import { Panel } from "@/app/_components/page-header";
import type { listTapsOutput } from "@/server/modules/recovery/recovery.schemas";
import { who } from "../../_components/labels";
import { messageOf, useCase } from "./case-api";

type Tap = z.infer<typeof listTapsOutput>[number];

/** The user's passes as Entra has them now (not our records): any of them can be revoked. */
export function ActiveTaps() {
  const { view, me, can, reload, tapsVersion } = useCase();
  const [taps, setTaps] = useState<Tap[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Tap | null>(null);
  const [isBusy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setTaps(await api.recovery.listTaps.query({ userId: view.user.id }));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [view.user.id]);
  useEffect(() => void load(), [load, tapsVersion]);

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await api.recovery.revokeTap.mutate({ userId: view.user.id, tapId: revoking.id });
      setRevoking(null);
      await reload();
    } catch (e) {
      setError(messageOf(e));
      setRevoking(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title="Temporary Access Passes in Entra" description="Read from Entra now. The passes themselves are never shown again.">
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {!taps && !error ? <p role="status" className="text-sm text-slate-500">Reading from Entra…</p> : null}
      {taps && !taps.length ? <p className="text-sm text-slate-500">{view.user.displayName} has no Temporary Access Pass.</p> : null}
      {taps?.length ? (
        <ul className="space-y-3 text-sm" data-testid="entra-taps">
          {taps.map((t) => (
            <li key={t.id} className="flex items-start justify-between gap-2">
              <span>
                <span className="flex items-center gap-2">
                  {t.isUsable ? <Badge tone="warning">Usable</Badge> : <Badge>{t.usabilityReason ?? "Not usable"}</Badge>}
                  {t.isUsableOnce ? <span className="text-xs text-slate-500">one-time</span> : null}
                </span>
                <span className="block text-xs text-slate-600">until {formatDateTime(t.expiresAt)}{t.lifetimeInMinutes ? ` · ${t.lifetimeInMinutes} min` : ""}</span>
                <span className="block text-xs text-slate-500">
                  {t.issuance ? <>issued by {who(t.issuance.issuedById, me)}{t.issuance.caseId ? <> for <Link className="text-brand-600 hover:underline" href={`/cases/${t.issuance.caseId}`}>case #{t.issuance.caseNumber}</Link></> : ` — ${t.issuance.reason}`}</> : "not issued through KeyFleet"}
                </span>
              </span>
              {can.revokeTap ? <button type="button" onClick={() => setRevoking(t)} className="rounded-md border border-slate-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50">Revoke…</button> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog open={revoking !== null} title="Revoke this Temporary Access Pass?" confirmLabel="Revoke in Entra" isBusy={isBusy} onCancel={() => setRevoking(null)} onConfirm={revoke}>
        <p>Deletes the pass from {view.user.userPrincipalName} in Entra: it stops working at once. A user who has not yet registered their new key will need a new pass.</p>
      </ConfirmDialog>
    </Panel>
  );
}
