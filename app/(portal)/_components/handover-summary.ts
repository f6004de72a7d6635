import { formatDate } from "@/app/_components/format";
import { handoverStateOf } from "@/server/modules/assignment/handover.constants";

// Plain (not "use client"): the server-rendered user and key pages call it too.

export type Handover = {
  assignmentId: string | null;
  handover: string | null;
  shippedAt: Date | null;
  carrierRef: string | null;
  deliveredAt: Date | null;
  readyAt?: Date | null;
};

/** One line for a handover: how the key travelled and where it is now. */
export function handoverSummary(h: Handover): string {
  const ref = h.carrierRef ? ` · ${h.carrierRef}` : "";
  switch (handoverStateOf(h)) {
    case "in_person":
      return h.handover ? "In person" : "—";
    case "awaiting_shipment":
      return "To be shipped";
    case "shipped":
      return `Shipped ${formatDate(h.shippedAt)}${ref} · not yet delivered`;
    case "awaiting_pickup":
      return "Pickup at the desk · not ready yet";
    case "ready_for_pickup":
      return `Ready for pickup since ${formatDate(h.readyAt)} · not yet collected`;
    case "delivered":
      return h.handover === "pickup"
        ? `Collected ${formatDate(h.deliveredAt)}`
        : `Delivered ${formatDate(h.deliveredAt)}${ref}`;
  }
}
