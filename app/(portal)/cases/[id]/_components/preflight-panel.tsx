"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { RefreshCw, ShieldAlert, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { inputClass } from "@/app/_components/form-field";
import { formatDateTime } from "@/app/_components/format";
import type { Preflight } from "@/server/modules/cases/preflight.schemas";
import { ApprovalHistory } from "./approval-box";
import { messageOf, useCase, type CaseView } from "./case-api";
import { ActionError } from "@/app/_components/action-error";

const kindLabel: Record<Preflight["credentials"][number]["kind"], string> = {
  hardware: "security key",
  authenticator: "Microsoft Authenticator passkey",
  synced: "synced passkey",
  unknown: "unknown kind",
};

/**
 * What this recovery leaves the user with, read live from Entra (the server checks again right before
 * every deletion). When it would strand them, the three ways forward are here.
 */
export function PreflightPanel() {
  const { view, can, act } = useCase();
  const trpc = useTRPC();
  const isRelevant = view.isOpen && view.kind !== "offboarding";
  // Live from Entra: read when shown, after every change on the page, and by Re-check.
  const preflight = useQuery({
    ...trpc.cases.preflight.queryOptions({ caseId: view.id }),
    enabled: isRelevant,
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
  const p: Preflight | null = preflight.data ?? null;
  const error = preflight.error ? messageOf(preflight.error) : null;
  const isBusy = preflight.isFetching;
  const check = () => void preflight.refetch();
  if (!isRelevant) return null;

  const pendingRevoke = view.steps.some(
    (s) => s.kind === "revoke_credential" && s.status !== "done" && s.status !== "skipped",
  );
  const isBlocked = !!p?.stranded && pendingRevoke && view.kind !== "stolen";
  const tone = p?.stranded
    ? "border-red-200 bg-red-50 text-red-900"
    : "border-emerald-200 bg-emerald-50 text-emerald-900";
  const Icon = p?.stranded ? ShieldAlert : ShieldCheck;
  return (
    <section
      aria-label="What the user is left with"
      data-testid="preflight"
      className={`mb-4 rounded-lg border px-4 py-3 text-sm ${p ? tone : "border-slate-200 bg-white text-slate-700"}`}
    >
      <div className="flex flex-wrap items-start gap-2">
        {p ? <Icon aria-hidden className="mt-0.5 size-4 shrink-0" /> : null}
        <p className="flex-1 font-medium" data-testid="preflight-summary">
          {view.kind === "stolen" && pendingRevoke
            ? "Stolen key: its credential is revoked at once whatever follows. "
            : null}
          {p
            ? p.summary
            : error
              ? `Could not check Entra: ${error}`
              : "Checking what the user is left with in Entra…"}
        </p>
        <button
          type="button"
          onClick={() => void check()}
          disabled={isBusy}
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs hover:bg-black/5"
        >
          <RefreshCw aria-hidden className={`size-3.5 ${isBusy ? "animate-spin" : ""}`} /> Re-check
        </button>
      </div>
      {p ? (
        <ul className="mt-2 space-y-1">
          <li>
            <strong>Temporary Access Pass:</strong>{" "}
            {p.tap.hasUsablePass ? "the user holds a usable pass. " : ""}
            {p.tap.reason}
          </li>
          <li>
            <strong>Backup key:</strong>{" "}
            {p.backupKey.present
              ? `${p.backupKey.methodIds.length} other passkey${p.backupKey.methodIds.length === 1 ? "" : "s"} stay${p.backupKey.methodIds.length === 1 ? "s" : ""} registered.`
              : "none left after this recovery."}
          </li>
          <li>
            <strong>Replacement:</strong> {p.replacement.reason}
          </li>
          <li>
            <strong>Passkeys in Entra:</strong>{" "}
            {p.credentials.length
              ? p.credentials
                  .map(
                    (c) =>
                      `${c.model ?? "unknown model"} (${kindLabel[c.kind]}${c.keySerial ? `, ${c.keySerial}` : ""})${c.isRevoked ? " — revoked by this case" : ""}`,
                  )
                  .join("; ")
              : "none."}
          </li>
          <li className="text-xs opacity-75">Read from Entra {formatDateTime(p.checkedAt)}.</li>
        </ul>
      ) : null}
      {isBlocked && can.revoke ? <StrandedPaths act={act} caseId={view.id} /> : null}
      {view.approvals.some((a) => a.action === "proceed_stranded") ? (
        <ApprovalHistory action="proceed_stranded" />
      ) : null}
    </section>
  );
}

function StrandedPaths({ act, caseId }: { act: ReturnType<typeof useCase>["act"]; caseId: string }) {
  const { view, can } = useCase();
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const trpc = useTRPC();
  const recordHandover = useMutation(trpc.cases.recordHandover.mutationOptions());
  const requestApproval = useMutation(trpc.cases.requestApproval.mutationOptions());
  const isPending = view.approvals.some((a) => a.action === "proceed_stranded" && a.status === "pending");
  const run = async (call: (version: number) => Promise<CaseView>) => {
    const r = await act(call);
    setError(r.ok ? null : r.message);
  };
  return (
    <div className="mt-3 space-y-3 border-t border-red-200 pt-3" data-testid="stranded-paths">
      <p>Nothing is deleted until you take one of these paths:</p>
      <ol className="list-decimal space-y-3 pl-5">
        <li>
          Fix the cause in Entra (for example add the user to a group the TAP policy includes), then press{" "}
          <strong>Re-check</strong>.
        </li>
        <li>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run((version) => recordHandover.mutateAsync({ caseId, version, note }));
            }}
            aria-label="Replacement handed over in person"
          >
            <label className="block">
              Hand the replacement over in person first and record it
              <input
                value={note}
                onChange={(e) => setNote(e.target.value)}
                minLength={5}
                maxLength={500}
                required
                className={inputClass}
                placeholder="e.g. YK-1234 handed over at the Lyon desk, registered with the user present"
              />
            </label>
            <button
              type="submit"
              className="mt-2 rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-900"
            >
              Record the handover
            </button>
          </form>
        </li>
        <li>
          {isPending ? (
            <p>Waiting for a second agent to approve proceeding anyway (approvals queue).</p>
          ) : can.write ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void run((version) =>
                  requestApproval.mutateAsync({ caseId, version, action: "proceed_stranded", reason }),
                );
              }}
              aria-label="Proceed anyway"
            >
              <label className="block">
                Proceed anyway: say why, and a second agent must approve
                <input
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  minLength={10}
                  maxLength={500}
                  required
                  className={inputClass}
                  placeholder="e.g. Key seen in a stranger's hands; the user comes to the desk tomorrow"
                />
              </label>
              <button
                type="submit"
                className="mt-2 rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800"
              >
                Ask a second agent to approve
              </button>
            </form>
          ) : null}
        </li>
      </ol>
      <ActionError error={error} />
    </div>
  );
}
