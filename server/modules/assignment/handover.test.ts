import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { assertHandoverMove, handoverDate } from "./handover";
import { canMoveHandover, handoverStateOf, type HandoverState } from "./handover.constants";

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 9));
const thrown = (fn: () => unknown): AppError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e as AppError;
  }
};

describe("handover after assignment: awaiting shipment → shipped → delivered", () => {
  it("reads the state off the assignment's dates", () => {
    expect(handoverStateOf({ handover: "in_person", shippedAt: null, deliveredAt: null })).toBe("in_person");
    expect(handoverStateOf({ handover: null, shippedAt: null, deliveredAt: null })).toBe("in_person");
    expect(handoverStateOf({ handover: "shipped", shippedAt: null, deliveredAt: null })).toBe(
      "awaiting_shipment",
    );
    expect(handoverStateOf({ handover: "shipped", shippedAt: day(2), deliveredAt: null })).toBe("shipped");
    expect(handoverStateOf({ handover: "shipped", shippedAt: day(2), deliveredAt: day(3) })).toBe(
      "delivered",
    );
  });

  it("reads a pickup's state: awaiting pickup → ready for pickup → collected (delivered)", () => {
    const p = { handover: "pickup", shippedAt: null, deliveredAt: null };
    expect(handoverStateOf(p)).toBe("awaiting_pickup");
    expect(handoverStateOf({ ...p, readyAt: day(2) })).toBe("ready_for_pickup");
    expect(handoverStateOf({ ...p, readyAt: day(2), deliveredAt: day(3) })).toBe("delivered");
  });

  it("draws only ship from awaiting shipment, ready from awaiting pickup, deliver from shipped or ready", () => {
    const all: HandoverState[] = [
      "in_person",
      "awaiting_shipment",
      "shipped",
      "awaiting_pickup",
      "ready_for_pickup",
      "delivered",
    ];
    expect(all.filter((s) => canMoveHandover(s, "ship"))).toEqual(["awaiting_shipment"]);
    expect(all.filter((s) => canMoveHandover(s, "ready"))).toEqual(["awaiting_pickup"]);
    expect(all.filter((s) => canMoveHandover(s, "deliver"))).toEqual(["shipped", "ready_for_pickup"]);
  });

  it("refuses an undrawn move with a CONFLICT that names the current state", () => {
    const a = { id: "a1", serial: "YK-9", handover: "shipped", shippedAt: null, deliveredAt: null };
    const e = thrown(() => assertHandoverMove(a, "deliver"));
    expect(e?.code).toBe("CONFLICT");
    expect(e?.message).toBe("Key YK-9 has not been shipped yet; record the shipment first.");
    expect(e?.details).toMatchObject({ handover: "awaiting_shipment", move: "deliver" });
    expect(thrown(() => assertHandoverMove({ ...a, handover: "in_person" }, "ship"))?.message).toBe(
      "Key YK-9 was handed over in person, not shipped.",
    );
    expect(thrown(() => assertHandoverMove({ ...a, shippedAt: day(2) }, "ship"))?.message).toBe(
      "Key YK-9 was already shipped.",
    );
    expect(
      thrown(() => assertHandoverMove({ ...a, shippedAt: day(2), deliveredAt: day(3) }, "deliver"))?.message,
    ).toBe("Key YK-9 was already delivered.");
    expect(thrown(() => assertHandoverMove(a, "ship"))).toBeNull();
    const p = { ...a, handover: "pickup" };
    expect(thrown(() => assertHandoverMove(p, "ship"))?.message).toBe(
      "Key YK-9 is to be picked up at the desk, not shipped.",
    );
    expect(
      thrown(() => assertHandoverMove({ ...p, readyAt: day(2), deliveredAt: day(3) }, "ready"))?.message,
    ).toBe("Key YK-9 was already collected.");
    expect(thrown(() => assertHandoverMove(p, "ready"))).toBeNull();
  });

  it("takes a date between the step before and now, defaulting to now", () => {
    const now = day(10);
    const rule = { field: "shippedAt", label: "shipping", earliest: { at: day(5), what: "the assignment" } };
    expect(handoverDate(undefined, now, rule)).toBe(now);
    expect(handoverDate(day(5), now, rule)).toEqual(day(5));
    const future = thrown(() => handoverDate(day(11), now, rule));
    expect([future?.code, future?.message, future?.details]).toEqual([
      "BAD_REQUEST",
      "The shipping date cannot be in the future.",
      { fieldErrors: { shippedAt: ["Cannot be in the future"] } },
    ]);
    expect(thrown(() => handoverDate(day(4), now, rule))?.message).toBe(
      "The shipping date cannot be before the assignment.",
    );
  });
});
