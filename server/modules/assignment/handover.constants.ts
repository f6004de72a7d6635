// What happens to a key between assignment and the user holding it. In person, the handover is done at
// assignment. Shipped: awaiting shipment → shipped (with the carrier's reference) → delivered. Plain
// constants and a pure function, so the pages show the same state the service enforces (handover.ts).

export type HandoverState = "in_person" | "awaiting_shipment" | "shipped" | "delivered";

export const handoverMoves = {
  ship: { from: ["awaiting_shipment"], to: "shipped" },
  deliver: { from: ["shipped"], to: "delivered" },
} as const satisfies Record<string, { from: readonly HandoverState[]; to: HandoverState }>;

export type HandoverMove = keyof typeof handoverMoves;

/** A handover with no method on record (older rows) was not shipped. */
export const handoverStateOf = (a: {
  handover: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
}): HandoverState =>
  a.handover !== "shipped"
    ? "in_person"
    : a.deliveredAt
      ? "delivered"
      : a.shippedAt
        ? "shipped"
        : "awaiting_shipment";

export const canMoveHandover = (state: HandoverState, m: HandoverMove): boolean =>
  (handoverMoves[m].from as readonly HandoverState[]).includes(state);
