import {
  stepKinds,
  type StepKindName as CaseStepKind,
  type StepStatusName as StepStatus,
} from "./cases.schemas";

// Which steps a case has, in which order, and which one may run now. The runbook (docs/RECOVERY.md) is the
// order: verify → (four eyes) → revoke → mark → reserve → TAP → close; a step runs only once every
// earlier one is done or skipped, so a revocation can never happen before the identity is verified.

export type RecoveryKind = "lost" | "stolen" | "damaged" | "forgotten";

export interface PlannedStep {
  kind: CaseStepKind;
  target: string;
  status?: StepStatus;
  detail?: { note: string };
}

export interface PlanInput {
  kind: RecoveryKind;
  userId: string;
  isPrivileged: boolean;
  keys: { id: string; credentialId: string | null }[];
  /** Live credentials no picked key carries (personal keys, passkeys): each is revoked, none is marked. */
  credentialIds?: string[];
  /** Serials of other keys with a live credential: the user can still sign in, so no TAP. */
  otherWorkingKeys: string[];
}

export const stepOrder: readonly CaseStepKind[] = stepKinds;

export function planSteps(p: PlanInput): PlannedStep[] {
  const steps: PlannedStep[] = [{ kind: "verify_identity", target: "" }];
  if (p.isPrivileged) steps.push({ kind: "approve", target: "" });
  if (p.kind !== "forgotten") {
    for (const k of p.keys)
      if (k.credentialId) steps.push({ kind: "revoke_credential", target: k.credentialId });
    for (const id of p.credentialIds ?? []) steps.push({ kind: "revoke_credential", target: id });
    if (p.kind === "stolen") steps.push({ kind: "revoke_sessions", target: p.userId });
    for (const k of p.keys) steps.push({ kind: "mark_key", target: k.id });
    steps.push({ kind: "reserve_replacement", target: "" });
  }
  steps.push(
    p.otherWorkingKeys.length
      ? {
          kind: "issue_tap",
          target: "",
          status: "skipped",
          detail: {
            note: `Still has a working key (${p.otherWorkingKeys.join(", ")}): no TAP needed, the user signs in with it.`,
          },
        }
      : { kind: "issue_tap", target: "" },
  );
  steps.push({ kind: "close", target: "" });
  return steps;
}

const isSettled = (s: { status: StepStatus }) => s.status === "done" || s.status === "skipped";

/** The first step not yet settled (the agent's next move), or null when only closing is left. */
export function nextStep<T extends { kind: CaseStepKind; status: StepStatus }>(
  steps: readonly T[],
): T | null {
  return sortSteps(steps).find((s) => !isSettled(s)) ?? null;
}

/** Steps in runbook order (steps of one kind keep their creation order). */
export function sortSteps<T extends { kind: CaseStepKind }>(steps: readonly T[]): T[] {
  return [...steps].sort((a, b) => stepOrder.indexOf(a.kind) - stepOrder.indexOf(b.kind));
}

/** Every step before `step` is done or skipped. */
export function earlierSettled<T extends { id: string; kind: CaseStepKind; status: StepStatus }>(
  steps: readonly T[],
  step: T,
): boolean {
  const sorted = sortSteps(steps);
  return sorted
    .slice(
      0,
      sorted.findIndex((s) => s.id === step.id),
    )
    .every(isSettled);
}

/** A reserve step skipped for want of stock (or a site) stays the agent's to act on: by hand, or again. */
export const isRetryableSkip = (s: { status: StepStatus; detail?: unknown }) =>
  s.status === "skipped" &&
  typeof s.detail === "object" &&
  s.detail !== null &&
  (s.detail as { noStock?: unknown }).noStock === true;

/**
 * The step the agent acts on next, or null when nothing is theirs to run. The cases list and the case
 * page both ask this one function, so they can never name different steps. Closing is returned when it
 * is all that is left (the list shows it; the page says what the case waits for).
 */
export function nextActionable<
  T extends { id: string; kind: CaseStepKind; status: StepStatus; detail?: unknown },
>(caseKind: string, steps: readonly T[]): T | null {
  // Offboarding cases are worked from the offboarding queue: no step here is the agent's to run.
  if (caseKind === "offboarding") return null;
  const sorted = sortSteps(steps);
  return (
    sorted.find(
      (s) =>
        s.status !== "done" && (s.status !== "skipped" || isRetryableSkip(s)) && earlierSettled(sorted, s),
    ) ?? null
  );
}

/** Everything but closing is settled: the case waits for the new key (or, forgotten, for the key to be back). */
export const allButCloseSettled = (steps: readonly { kind: CaseStepKind; status: StepStatus }[]) =>
  steps.filter((s) => s.kind !== "close").every(isSettled);
