import { AppError } from "@/server/errors";
import { formatUtc } from "@/server/lib/date-range";

// Four eyes that need four eyes (docs/SECURITY.md, "Four eyes"): the approver is someone who took no
// part in the case. Whoever opened it, recorded the identity evidence, asked for an approval, ran (or
// started) a step that changes Entra, issued a pass on it, or is the agent an over-cap approval is for,
// cannot decide; whoever approved cannot then run the steps that change Entra. A rejection is final for
// what it rejected, so the rejecter cannot re-ask and hand the decision back to the first agent.

/** The steps that change a user's sign-in in Entra: what the approval is there to guard. */
export const entraChangingSteps = ["revoke_credential", "revoke_sessions", "issue_tap"] as const;
const isEntraChanging = (kind: string) => (entraChangingSteps as readonly string[]).includes(kind);

interface FourEyesCase {
  number: number;
  openedById: string;
  verifications: readonly { verifiedById: string }[];
  approvals: readonly {
    action: string;
    status: string;
    requestedById: string;
    approverId: string | null;
    decidedAt: Date | null;
  }[];
  steps: readonly { kind: string; status: string; actorId: string | null }[];
  taps: readonly { issuedById: string }[];
}

/** Everyone who took part in the case, with the first thing each did (in words, for the refusal). */
export function caseParticipants(c: FourEyesCase): Map<string, string> {
  const out = new Map<string, string>();
  const add = (id: string | null | undefined, what: string) => {
    if (id && !out.has(id)) out.set(id, what);
  };
  add(c.openedById, "opened this case");
  for (const v of c.verifications) add(v.verifiedById, "recorded the identity evidence");
  for (const a of c.approvals)
    add(
      a.requestedById,
      a.action === "tap_over_cap"
        ? "are the agent over the TAP cap on this case"
        : "asked for an approval on this case",
    );
  for (const s of c.steps)
    if (isEntraChanging(s.kind) && s.status !== "pending")
      add(s.actorId, "ran a step of this case that changes Entra");
  for (const t of c.taps) add(t.issuedById, "issued a Temporary Access Pass on this case");
  return out;
}

/** The decider of a pending request must be nobody who took part in the case. */
export function assertMayDecide(c: FourEyesCase, a: { requestedById: string }, actorId: string) {
  if (a.requestedById === actorId)
    throw new AppError("FORBIDDEN", "You asked for this approval: four eyes means another agent decides it.");
  const did = caseParticipants(c).get(actorId);
  if (did)
    throw new AppError(
      "FORBIDDEN",
      `You ${did}, so you cannot also approve it: four eyes means an agent who took no part in case #${c.number} decides.`,
    );
}

/** Whether `actorId` may decide (for the queue's buttons): the same rule as assertMayDecide. */
export const mayDecide = (c: FourEyesCase, a: { requestedById: string }, actorId: string) =>
  a.requestedById !== actorId && !caseParticipants(c).has(actorId);

/** Whoever approved something on this case does not also run what it unlocked. */
export function assertNotApprover(c: Pick<FourEyesCase, "number" | "approvals">, actorId: string) {
  if (c.approvals.some((a) => a.status === "approved" && a.approverId === actorId)) {
    throw new AppError(
      "FORBIDDEN",
      `You approved case #${c.number}, so you cannot also run its steps that change Entra: the agent who asked for the approval, or another agent, runs them.`,
    );
  }
}

/**
 * A rejected request is final: a privileged recovery is never asked for again on this case (the evidence
 * it was judged on cannot change), and an over-cap pass is not asked for again by the same agent.
 */
export function assertNotRejected(
  c: Pick<FourEyesCase, "number" | "approvals">,
  action: string,
  actorId: string,
) {
  const no = c.approvals.find(
    (a) =>
      a.action === action &&
      a.status === "rejected" &&
      (action === "privileged_recovery" || a.requestedById === actorId),
  );
  if (!no) return;
  throw new AppError(
    "CONFLICT",
    action === "privileged_recovery"
      ? `A second agent rejected this recovery on ${formatUtc(no.decidedAt)}, so it cannot be asked for again on case #${c.number}. If the user still needs help, close this case and open a new one with fresh evidence.`
      : `A second agent rejected your extra pass on ${formatUtc(no.decidedAt)}, so you cannot ask again on case #${c.number}. An agent within their hourly cap can issue it.`,
  );
}
