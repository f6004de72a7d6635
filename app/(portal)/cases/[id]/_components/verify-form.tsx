"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { inputClass } from "@/app/_components/form-field";
import { formatDateTime } from "@/app/_components/format";
import { verifyInput, type verificationMethods } from "@/server/modules/cases/cases.schemas";
import { methodLabel, referenceHint, who } from "@/app/(portal)/_components/case-labels";
import { useCase } from "./case-api";
import { ActionError } from "@/app/_components/action-error";
import { primaryButton } from "@/app/_components/styles";

type Method = (typeof verificationMethods)[number];

/** Evidence is a typed record (method, who, when, reference): never a photo or number of an ID. */
export function VerifyForm() {
  const { view, can, act } = useCase();
  const trpc = useTRPC();
  const verify = useMutation(trpc.cases.verify.mutationOptions());
  const { methods, requiredStrength } = view.requirements;
  const enough = methods.filter((m) => m.isSufficient);
  const [method, setMethod] = useState<Method | "">(enough[0]?.method ?? "");
  const [reference, setReference] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  if (!can.write)
    return <p className="text-sm text-slate-500">A helpdesk agent verifies the user&apos;s identity.</p>;
  if (!enough.length)
    return (
      <p role="alert" className="text-sm text-amber-800">
        No method the recovery policy allows is strong enough for {view.user.displayName} (strength{" "}
        {requiredStrength} needed). An admin must change the policy in Settings → Recovery policy first.
      </p>
    );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = verifyInput.safeParse({ caseId: view.id, version: view.version, method, reference });
    if (!parsed.success)
      return setError(
        method ? "Say who or what confirmed it (at least 3 characters)." : "Pick how you verified them.",
      );
    setBusy(true);
    setError(null);
    const r = await act((version) => verify.mutateAsync({ ...parsed.data, version }));
    setBusy(false);
    if (r.ok) setReference("");
    else setError(r.message);
  }

  return (
    <form
      onSubmit={submit}
      className="grid grid-cols-1 gap-3 md:grid-cols-2"
      aria-label="Record identity verification"
    >
      <label className="block text-sm font-medium text-slate-700">
        How you verified them
        <select value={method} onChange={(e) => setMethod(e.target.value as Method)} className={inputClass}>
          <option value="">Choose…</option>
          {methods.map((m) => (
            // A method below the level stays visible, disabled, so the agent sees why it is not offered.
            <option key={m.method} value={m.method} disabled={!m.isSufficient}>
              {methodLabel[m.method]} (strength {m.strength})
              {m.isSufficient ? "" : ` — not accepted for this user, needs ${requiredStrength}`}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Reference
        <input
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          maxLength={300}
          autoComplete="off"
          className={inputClass}
          placeholder={
            method === "callback" && view.user.phoneOnRecord ? `Called ${view.user.phoneOnRecord}` : undefined
          }
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">
          {method ? referenceHint[method] : "Who or what confirmed it."}
        </span>
      </label>
      <div className="md:col-span-2">
        <ActionError error={error} className="mb-2 text-sm text-red-700" />
        <button type="submit" disabled={isBusy} className={primaryButton}>
          {isBusy ? "Recording…" : "Record verification"}
        </button>
        <span className="ml-3 text-xs text-slate-500">
          One check of strength {requiredStrength} or more; checks do not add up. Nothing changes in Entra.
        </span>
      </div>
    </form>
  );
}

export function Evidence() {
  const { view, me } = useCase();
  if (!view.verifications.length) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm" data-testid="evidence">
      {view.verifications.map((v) => (
        <li key={v.id} className="text-slate-700">
          <span className="font-medium">{methodLabel[v.method]}</span> (strength {v.strength}) — “
          {v.reference}”
          <span className="block text-xs text-slate-500">
            {formatDateTime(v.verifiedAt)} by {who(v.verifiedById, me)}
          </span>
        </li>
      ))}
    </ul>
  );
}
