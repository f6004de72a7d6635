import { describe, expect, it } from "vitest";
import { changeSummary, readableChanges } from "./audit-changes";

// How a timeline reads an audit event's before/after: words for people, never the row's bookkeeping.

describe("readableChanges", () => {
  it("a key made ready for pickup reads as its handover and time, without the assignment's id or the version", () => {
    const changes = readableChanges(
      { handover: "awaiting_pickup", version: 3 },
      {
        handover: "ready_for_pickup",
        assignmentId: "cmxbyn844003qx37d1r8hu90q",
        readyAt: "2026-12-06T14:52:25.216Z",
        version: 4,
      },
    );
    expect(changeSummary(changes)).toBe(
      "Handover: awaiting pickup → ready for pickup · Ready at: 2026-12-06 14:52 UTC",
    );
    expect(JSON.stringify(changes)).not.toContain("cmxbyn844003qx37d1r8hu90q");
  });

  it("names a referenced record when the name is known and keeps the id when it is not", () => {
    const names: Record<string, string> = { "u-1": "Ada Lovelace" };
    const changes = readableChanges(
      { custodianId: null },
      { custodianId: "u-1", keyId: "k-9" },
      (_f, id) => names[id],
    );
    expect(changes).toEqual([
      { field: "Holder", before: null, after: "Ada Lovelace" },
      { field: "Key", before: null, after: "k-9" },
    ]);
  });

  it("reads booleans as yes/no, and a field that did not change is left out", () => {
    expect(
      readableChanges(
        { isUsableOnce: true, status: "in_stock" },
        { isUsableOnce: false, status: "in_stock" },
      ),
    ).toEqual([{ field: "One-time use", before: "yes", after: "no" }]);
  });
});
