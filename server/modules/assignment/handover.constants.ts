// What happens to a key between assignment and the user holding it. In person, the handover is done at
// assignment. Shipped: awaiting shipment → shipped (with the carrier's reference) → delivered. Pickup at the
// user's site desk: awaiting pickup → ready for pickup (the user is told) → collected (recorded as delivered).
// Plain constants and a pure function, so the pages show the same state the service enforces (handover.ts).

export type HandoverState =
  "in_person" | "awaiting_shipment" | "shipped" | "awaiting_pickup" | "ready_for_pickup" | "delivered";

export const handoverMoves = {
  ship: { from: ["awaiting_shipment"], to: "shipped" },
  ready: { from: ["awaiting_pickup"], to: "ready_for_pickup" },
  deliver: { from: ["shipped", "ready_for_pickup"], to: "delivered" },
} as const satisfies Record<string, { from: readonly HandoverState[]; to: HandoverState }>;

export type HandoverMove = keyof typeof handoverMoves;

/** A handover with no method on record (older rows) was not shipped. */
export const handoverStateOf = (a: {
  handover: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  readyAt?: Date | null;
}): HandoverState =>
  a.handover === "pickup"
    ? a.deliveredAt
      ? "delivered"
      : a.readyAt
        ? "ready_for_pickup"
        : "awaiting_pickup"
    : a.handover !== "shipped"
      ? "in_person"
      : a.deliveredAt
        ? "delivered"
        : a.shippedAt
          ? "shipped"
          : "awaiting_shipment";

export const canMoveHandover = (state: HandoverState, m: HandoverMove): boolean =>
  (handoverMoves[m].from as readonly HandoverState[]).includes(state);
