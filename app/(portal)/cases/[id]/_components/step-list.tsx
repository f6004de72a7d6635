"use client";

import { Check, Circle, CircleAlert, CircleDashed, LoaderCircle } from "lucide-react";
import { Badge } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import { stepLabel, stepStatusLabel, stepStatusTone, who } from "@/app/(portal)/_components/case-labels";
import { ApprovalBox } from "./approval-box";
import { useCase, type Step } from "./case-api";
import { RunStep } from "./run-step";
import { TapIssue } from "./tap-issue";
import { Evidence, VerifyForm } from "./verify-form";

const icons = {
  pending: Circle,
  running: LoaderCircle,
  done: Check,
  failed: CircleAlert,
  skipped: CircleDashed,
} as const;
const iconTone = {
  pending: "text-slate-300",
  running: "text-sky-600",
  done: "text-emerald-600",
  failed: "text-red-600",
  skipped: "text-slate-400",
} as const;

function StepAction({ step }: { step: Step }) {
  switch (step.kind) {
    case "verify_identity":
      return <VerifyForm />;
    case "approve":
      return <ApprovalBox />;
    case "issue_tap":
      return <TapIssue step={step} />;
    case "close":
      return null;
    default:
      return <RunStep step={step} />;
  }
}

/** Marks Graph's own text on a step's error (server/modules/cases/graph-refusal.ts ENTRA_SAID). */
const ENTRA_SAID = "\n\nEntra said: ";

/** The cause and next step in words; what Entra itself said, for the curious or for a ticket to Microsoft. */
function LastError({ text }: { text: string }) {
  const [words, raw] = text.split(ENTRA_SAID);
  return (
    <div role="alert" className="mt-2 text-sm text-red-700">
      <p>Last attempt failed: {words}</p>
      {raw ? (
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer">What Entra said</summary>
          <p className="mt-1 font-mono">{raw}</p>
        </details>
      ) : null}
    </div>
  );
}

function StepItem({ step: s, n }: { step: Step; n: number }) {
  const { view, me } = useCase();
  const Icon = icons[s.status];
  const isActive = view.isOpen && s.isNext;
  return (
    <li
      data-step={s.kind}
      aria-current={isActive ? "step" : undefined}
      className={`rounded-xl border bg-white p-4 shadow-sm ${isActive ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Icon
          aria-hidden
          className={`size-5 shrink-0 ${iconTone[s.status]} ${s.status === "running" ? "animate-spin" : ""}`}
        />
        <h3 className="font-medium text-slate-900">
          {n}. {stepLabel[s.kind]}
          {s.targetLabel ? (
            <span className="font-mono text-sm text-slate-600"> · {s.targetLabel}</span>
          ) : null}
        </h3>
        <span className="ml-auto flex items-center gap-2">
          {s.attempts > 1 ? <span className="text-xs text-slate-500">{s.attempts} attempts</span> : null}
          <Badge tone={stepStatusTone[s.status]}>{stepStatusLabel[s.status]}</Badge>
        </span>
      </div>
      <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="step-preview">
        <span className="font-medium text-slate-900">
          {isActive ? "What this will do: " : "What this step does: "}
        </span>
        {s.preview}
      </p>
      {s.note && s.kind !== "approve" ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="step-note">
          {s.note}
        </p>
      ) : null}
      {s.status === "failed" && s.lastError ? <LastError text={s.lastError} /> : null}
      {s.completedAt ? (
        <p className="mt-2 text-xs text-slate-500">
          {stepStatusLabel[s.status]} {formatDateTime(s.completedAt)}
          {s.actorId ? ` by ${who(s.actorId, me)}` : ""}
        </p>
      ) : null}
      {s.kind === "verify_identity" ? <Evidence /> : null}
      {isActive ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <StepAction step={s} />
        </div>
      ) : null}
      {s.kind === "approve" && !isActive ? <ApprovalBox readOnly /> : null}
    </li>
  );
}

/** The runbook for this case, in order; only the next step can be acted on. */
export function StepList() {
  const { view } = useCase();
  return (
    <section aria-label="Steps">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">Steps</h2>
      <ol className="space-y-3" data-testid="case-steps">
        {view.steps.map((s, i) => (
          <StepItem key={s.id} step={s} n={i + 1} />
        ))}
      </ol>
    </section>
  );
}
