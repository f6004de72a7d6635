import { AppError } from "@/server/errors";
import {
  canMoveHandover,
  handoverStateOf,
  type HandoverMove,
  type HandoverState,
} from "./handover.constants";

// Like the key lifecycle (lifecycle.ts), a handover move the table in handover.constants.ts does not draw
// is a CONFLICT naming the current state.

const why = (state: HandoverState, m: HandoverMove): string => {
  if (state === "in_person")
    return m === "ready" ? "was handed over in person" : "was handed over in person, not shipped";
  if (state === "ready_for_pickup")
    return m === "ready" ? "is already waiting at the desk" : "is waiting for pickup, not shipped";
  if (state === "awaiting_pickup")
    return m === "ship"
      ? "is to be picked up at the desk, not shipped"
      : "is not ready for pickup yet; mark it ready first";
  if (m === "ready") return "is to be shipped, not picked up";
  return m === "ship" ? "was already shipped" : "has not been shipped yet; record the shipment first";
};

/** Refuses a move the table does not draw, naming the handover's current state. */
export function assertHandoverMove(
  a: {
    id: string;
    serial: string;
    handover: string | null;
    shippedAt: Date | null;
    deliveredAt: Date | null;
    readyAt?: Date | null;
  },
  m: HandoverMove,
): void {
  const state = handoverStateOf(a);
  if (!canMoveHandover(state, m)) {
    const reason =
      state !== "delivered"
        ? why(state, m)
        : a.handover === "pickup"
          ? "was already collected"
          : "was already delivered";
    throw new AppError("CONFLICT", `Key ${a.serial} ${reason}.`, {
      assignmentId: a.id,
      handover: state,
      move: m,
    });
  }
}

/** A date an agent gives for a handover step (default: now) may not be in the future, nor before the step it follows. */
export function handoverDate(
  at: Date | null | undefined,
  now: Date,
  rule: { field: string; label: string; earliest?: { at: Date; what: string } },
): Date {
  if (!at) return now;
  const problem =
    at > now
      ? "cannot be in the future"
      : rule.earliest && at < rule.earliest.at
        ? `cannot be before ${rule.earliest.what}`
        : null;
  if (problem)
    throw new AppError("BAD_REQUEST", `The ${rule.label} date ${problem}.`, {
      fieldErrors: { [rule.field]: [`${problem[0]!.toUpperCase()}${problem.slice(1)}`] },
    });
  return at;
}
