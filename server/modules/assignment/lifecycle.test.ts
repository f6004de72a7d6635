import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { keyStatuses } from "@/server/modules/inventory/key-statuses.constants";
import {
  assertNoLiveCredential,
  assertTransition,
  canTransition,
  describeStatuses,
  heldStatuses,
  nextStatuses,
  shelfStatuses,
  transitions,
  withUserStatuses,
} from "./lifecycle";

describe("key lifecycle table (docs/ARCHITECTURE.md)", () => {
  it("draws exactly the documented moves", () => {
    expect(nextStatuses("ordered").sort()).toEqual(["in_stock", "retired"]);
    expect(nextStatuses("in_stock").sort()).toEqual(["assigned", "reserved", "retired"]);
    expect(nextStatuses("reserved").sort()).toEqual(["assigned", "retired"]);
    expect(nextStatuses("assigned").sort()).toEqual([
      "active",
      "damaged",
      "lost",
      "retired",
      "returned",
      "stolen",
    ]);
    expect(nextStatuses("active").sort()).toEqual(["damaged", "lost", "retired", "returned", "stolen"]);
    expect(nextStatuses("returned").sort()).toEqual(["in_stock", "retired"]);
    for (const s of ["lost", "stolen", "damaged"] as const) expect(nextStatuses(s)).toEqual(["retired"]);
    expect(nextStatuses("retired")).toEqual([]);
  });

  it("every status but retired may be retired; nothing leaves retired", () => {
    for (const s of keyStatuses) expect(canTransition(s, "retire")).toBe(s !== "retired");
    for (const t of Object.keys(transitions) as (keyof typeof transitions)[])
      expect(canTransition("retired", t)).toBe(false);
  });

  it("refuses an undrawn move with a CONFLICT naming the key's current state", () => {
    const e = (() => {
      try {
        assertTransition({ id: "k1", serial: "YK-1", status: "lost", version: 3 }, "assign");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("CONFLICT");
    expect((e as AppError).message).toBe(
      "Key YK-1 is lost; only a key that is in stock or reserved can be assigned.",
    );
    expect((e as AppError).details).toMatchObject({ status: "lost", transition: "assign" });
  });

  it("an allowed move returns its target status", () => {
    expect(assertTransition({ id: "k", serial: "S", status: "returned", version: 0 }, "wipe")).toBe(
      "in_stock",
    );
    expect(assertTransition({ id: "k", serial: "S", status: "active", version: 0 }, "return")).toBe(
      "returned",
    );
  });

  it("names the groups other modules ask about, read off the table", () => {
    expect([...withUserStatuses].sort()).toEqual(["active", "assigned"]);
    expect([...heldStatuses].sort()).toEqual(["active", "assigned", "reserved"]);
    expect([...shelfStatuses].sort()).toEqual(["in_stock", "returned"]);
    expect(describeStatuses(transitions.retire.from)).toBe("not retired");
    expect(describeStatuses(shelfStatuses)).toBe("in stock or returned");
  });

  it("refuses to take a key off its user while its credential is live in Entra, and only then", () => {
    const live = { id: "c1", removedAt: null };
    const e = (() => {
      try {
        assertNoLiveCredential({ id: "k", serial: "YK-2", status: "active", credential: live }, "retired");
      } catch (x) {
        return x as AppError;
      }
    })();
    expect(e?.code).toBe("PRECONDITION_FAILED");
    expect(e?.message).toBe(
      "Key YK-2 still has a live credential in Entra; delete the credential before it is retired.",
    );
    expect(() =>
      assertNoLiveCredential(
        { id: "k", serial: "S", status: "active", credential: { id: "c1", removedAt: new Date() } },
        "retired",
      ),
    ).not.toThrow();
    expect(() =>
      assertNoLiveCredential({ id: "k", serial: "S", status: "assigned", credential: null }, "retired"),
    ).not.toThrow();
    // A stale credential on a key back in stock shows in reconciliation; it does not block the key's own moves.
    expect(() =>
      assertNoLiveCredential({ id: "k", serial: "S", status: "in_stock", credential: live }, "retired"),
    ).not.toThrow();
  });
});
