"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Modal } from "@/app/_components/modal";
import { useTRPC, useTRPCClient, type RouterOutputs } from "@/app/_lib/trpc";
import { messageOf, useCase } from "./case-api";
import { TapForm, type TapChoice } from "./tap-form";
import { TapOnce, type IssuedTap } from "./tap-once";

type Policy = RouterOutputs["recovery"]["tapPolicy"];

/**
 * Issue a TAP. The pass is held only in this component's state: it is never put in the case state, the
 * URL, storage or a query cache, and it is gone when the dialog closes (the component unmounts) or the
 * page reloads.
 */
export function TapDialog({ replaceExisting, onClose }: { replaceExisting: boolean; onClose: () => void }) {
  const { view, act } = useCase();
  const titleId = useId();
  const [issued, setIssued] = useState<IssuedTap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const trpc = useTRPC();
  // Issuing goes straight through the client, not a mutation hook: the answer holds the pass, and a
  // mutation hook would keep it in the mutation cache.
  const client = useTRPCClient();
  const policyQuery = useQuery({
    ...trpc.recovery.tapPolicy.queryOptions({ caseId: view.id }),
    staleTime: 0,
  });
  const policy: Policy | null = policyQuery.data ?? null;

  async function issue(choice: TapChoice) {
    setBusy(true);
    setError(null);
    const r = await act(async (version) => {
      const out = await client.recovery.issueTap.mutate({
        caseId: view.id,
        version,
        ...choice,
        replaceExisting,
      });
      setIssued({
        pass: out.temporaryAccessPass,
        startAt: out.startAt,
        expiresAt: out.expiresAt,
        lifetimeInMinutes: out.lifetimeInMinutes,
        isUsableOnce: out.isUsableOnce,
      });
      return out.case;
    });
    setBusy(false);
    if (!r.ok && r.isConflict) onClose();
    else if (!r.ok) setError(r.message);
  }

  const [isAskingToClose, setAskingToClose] = useState(false);
  const close = () => {
    setIssued(null);
    onClose();
  };
  // Once the pass is on screen, every way out (Escape, the Done button) asks first: the pass cannot be
  // shown again, and issuing another counts against the agent's hourly cap.
  const requestClose = () => (issued ? setAskingToClose(true) : close());
  return (
    <Modal open onClose={requestClose} labelledBy={titleId} className="max-w-lg">
      <div className="p-6">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {issued
            ? `Temporary Access Pass for ${view.user.displayName}`
            : `Issue a Temporary Access Pass to ${view.user.displayName}?`}
        </h2>
        {issued ? (
          <TapOnce
            tap={issued}
            onDone={requestClose}
            isAskingToClose={isAskingToClose}
            onKeep={() => setAskingToClose(false)}
            onConfirmClose={close}
          />
        ) : (
          <TapForm
            policy={policy}
            view={view}
            replaceExisting={replaceExisting}
            error={error ?? (policyQuery.error ? messageOf(policyQuery.error) : null)}
            isBusy={isBusy}
            onIssue={issue}
            onCancel={close}
          />
        )}
      </div>
    </Modal>
  );
}
