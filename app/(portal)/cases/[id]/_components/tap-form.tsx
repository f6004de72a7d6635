"use client";

import { useState } from "react";
import type { z } from "zod";
import { inputClass } from "@/app/_components/form-field";
import type { tapPolicyOutput } from "@/server/modules/recovery/recovery.schemas";
import { ApprovalBox } from "./approval-box";
import type { CaseView } from "./case-api";

export interface TapChoice {
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  startAt?: Date;
}

const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60";

/** Lifetime within the tenant's policy (refused otherwise, naming the range), one-time by default, optional start. */
export function TapForm({
  policy: p,
  view,
  replaceExisting,
  error,
  isBusy,
  onIssue,
  onCancel,
}: {
  policy: z.infer<typeof tapPolicyOutput> | null;
  view: CaseView;
  replaceExisting: boolean;
  error: string | null;
  isBusy: boolean;
  onIssue: (choice: TapChoice) => void;
  onCancel: () => void;
}) {
  const [lifetime, setLifetime] = useState<string | null>(null);
  const [isUsableOnce, setUsableOnce] = useState<boolean | null>(null);
  const [startAt, setStartAt] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const overCap = p
    ? p.issuedByYouLastHour >= p.capPerHour &&
      !view.approvals.some((a) => a.action === "tap_over_cap" && a.status === "approved")
    : false;
  const minutes = lifetime ?? String(p?.suggestedLifetimeInMinutes ?? "");
  const once = p?.isUsableOnceEnforced ? true : (isUsableOnce ?? p?.suggestedIsUsableOnce ?? true);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!p) return;
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < p.minimumLifetimeInMinutes || n > p.maximumLifetimeInMinutes) {
      return setProblem(
        `The tenant's TAP policy allows a lifetime between ${p.minimumLifetimeInMinutes} and ${p.maximumLifetimeInMinutes} minutes.`,
      );
    }
    const start = startAt ? new Date(startAt) : undefined;
    if (start && Number.isNaN(start.getTime())) return setProblem("The start time is not a valid date.");
    setProblem(null);
    onIssue({ lifetimeInMinutes: n, isUsableOnce: once, startAt: start });
  }

  return (
    <form onSubmit={submit} className="mt-2 text-sm text-slate-700">
      <p>
        Creates a pass for <strong>{view.user.userPrincipalName}</strong> in Entra
        {replaceExisting ? ", after revoking the pass an earlier attempt may have left" : ""}; any pass they
        already have is replaced. It is shown to you once and never stored.
      </p>
      {!p ? (
        <p role="status" className="mt-3 text-slate-500">
          {error ? "" : "Reading the tenant's TAP policy…"}
        </p>
      ) : !p.isEnabled ? (
        <p role="alert" className="mt-3 rounded-md bg-amber-50 p-3 text-amber-900">
          Temporary Access Passes are disabled in the tenant&apos;s authentication methods policy: an Entra
          administrator must enable them first.
        </p>
      ) : (
        <div className="mt-3 space-y-3">
          <label className="block font-medium">
            Lifetime (minutes)
            <input
              type="number"
              inputMode="numeric"
              value={minutes}
              onChange={(e) => setLifetime(e.target.value)}
              className={`${inputClass} max-w-40`}
              aria-describedby="tap-range"
            />
            <span id="tap-range" className="mt-1 block text-xs font-normal text-slate-500">
              Tenant policy: {p.minimumLifetimeInMinutes}–{p.maximumLifetimeInMinutes} minutes (default{" "}
              {p.defaultLifetimeInMinutes}).
            </span>
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={once}
              disabled={p.isUsableOnceEnforced}
              onChange={(e) => setUsableOnce(e.target.checked)}
            />
            One-time use{p.isUsableOnceEnforced ? " (required by the tenant)" : " (recommended)"}
          </label>
          <label className="block font-medium">
            Start (optional, your local time)
            <input
              type="datetime-local"
              value={startAt}
              onChange={(e) => setStartAt(e.target.value)}
              className={`${inputClass} max-w-64`}
            />
            <span className="mt-1 block text-xs font-normal text-slate-500">Empty: usable right away.</span>
          </label>
          <p className="text-xs text-slate-500">
            You issued {p.issuedByYouLastHour} of {p.capPerHour} passes allowed per agent per hour.
          </p>
          {overCap ? (
            <div className="rounded-md bg-amber-50 p-3 text-amber-900">
              You reached the hourly cap: a second agent must approve this pass.
              <ApprovalBox action="tap_over_cap" />
            </div>
          ) : null}
        </div>
      )}
      {problem || error ? (
        <p role="alert" className="mt-3 text-red-700">
          {problem ?? error}
        </p>
      ) : null}
      <div className="-mx-6 -mb-6 mt-5 flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
        <button
          type="button"
          onClick={onCancel}
          className={`${button} border border-slate-300 bg-white font-normal hover:bg-slate-50`}
        >
          Cancel
        </button>
        <button
          type="submit"
          disabled={!p?.isEnabled || overCap || isBusy}
          className={`${button} bg-brand-600 text-white hover:bg-brand-700`}
        >
          {isBusy ? "Creating in Entra…" : "Create pass in Entra"}
        </button>
      </div>
    </form>
  );
}
