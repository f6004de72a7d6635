import { describe, expect, it } from "vitest";
import { syncRunRow } from "./sync.schemas";

// The run row's JSON columns reach the browser typed: what the sync writes comes out as written, and
// anything else (an older row, a hand-edited one) shows as no errors and no progress, never as a 500.
// A run part-way through its methods phase.
const row = {
  id: "run-1",
  kind: "incremental",
  status: "running",
  startedAt: new Date("2026-12-06T05:00:00Z"),
  finishedAt: null,
  durationMs: null,
  graphRequests: 7,
  throttled: 1,
  usersAdded: 2,
  usersChanged: 5,
  usersRemoved: 1,
  credentialsAdded: 3,
  credentialsChanged: 0,
  credentialsRemoved: 1,
  matched: 2,
  reviewQueued: 1,
  pendingUsers: 30,
  failedUsers: 0,
  triggeredById: null,
};

describe("syncRunRow", () => {
  it("keeps the live progress and the errors a run wrote", () => {
    const parsed = syncRunRow.parse({
      ...row,
      errors: [{ message: "read failed", userId: "u-1" }, { message: "report cut short" }],
      progress: { phase: "methods", users: 120, queued: 40, fetched: 10, requests: 7, etaSeconds: null },
    });
    expect(parsed.errors).toEqual([
      { message: "read failed", userId: "u-1" },
      { message: "report cut short" },
    ]);
    expect(parsed.progress).toEqual({
      phase: "methods",
      users: 120,
      queued: 40,
      fetched: 10,
      requests: 7,
      etaSeconds: null,
    });
  });

  it("reads unreadable JSON as no errors and no progress instead of failing the whole list", () => {
    const parsed = syncRunRow.parse({ ...row, errors: null, progress: "half written" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.progress).toBeNull();
    const odd = syncRunRow.parse({ ...row, errors: { message: "not a list" }, progress: { users: "many" } });
    expect(odd.errors).toEqual([]);
    expect(odd.progress).toBeNull();
  });
});
