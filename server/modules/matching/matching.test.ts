import { describe, expect, it } from "vitest";
import { inferMatches, type CandidateCredential, type CandidateKey } from "./matching";
import { DAY } from "@/server/lib/time";

const YK = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const FIPS = "c1f9a0bc-1dd2-404a-b27f-8e29047a43fd";
const d = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * DAY);
const cred = (id: string, aaguid: string, day: number | null, userId = "u1"): CandidateCredential => ({
  id,
  userId,
  aaguid,
  createdAt: day === null ? null : d(day),
});
const key = (id: string, aaguids: string[], day: number, userId = "u1"): CandidateKey => ({
  id,
  userId,
  aaguids,
  assignedAt: d(day),
});

describe("inferMatches", () => {
  it("links the one assigned key of a matching model to a credential created after assignment", () => {
    expect(inferMatches([cred("c1", YK, 5)], [key("k1", [YK], 1)])).toEqual({
      matches: [{ credentialId: "c1", keyId: "k1" }],
      reviews: [],
    });
  });

  it("does not link a credential created before the key was assigned (a personal key of the same model)", () => {
    expect(inferMatches([cred("c1", YK, 0)], [key("k1", [YK], 1)])).toEqual({ matches: [], reviews: [] });
  });

  it("fits a credential Entra dates to the whole second in which the key was assigned, not one a second earlier", () => {
    // Graph's createdDateTime has no milliseconds; the assignment was at 14:52:25.216.
    const assigned = { ...key("k1", [YK], 0), assignedAt: new Date("2026-12-06T14:52:25.216Z") };
    const at = (t: string) => ({ ...cred("c1", YK, 0), createdAt: new Date(t) });
    expect(inferMatches([at("2026-12-06T14:52:25Z")], [assigned]).matches).toEqual([
      { credentialId: "c1", keyId: "k1" },
    ]);
    expect(inferMatches([at("2026-12-06T14:52:24Z")], [assigned])).toEqual({ matches: [], reviews: [] });
  });

  it("does not link a credential whose AAGUID the key's model does not claim, nor one without a creation time", () => {
    expect(inferMatches([cred("c1", FIPS, 5), cred("c2", YK, null)], [key("k1", [YK], 1)]).matches).toEqual(
      [],
    );
  });

  it("sends two keys of one model assigned together to review rather than guess", () => {
    const r = inferMatches([cred("c1", YK, 5), cred("c2", YK, 6)], [key("k1", [YK], 1), key("k2", [YK], 1)]);
    expect(r.matches).toEqual([]);
    expect(r.reviews.map((x) => [x.credentialId, x.candidateKeyIds.sort()])).toEqual([
      ["c1", ["k1", "k2"]],
      ["c2", ["k1", "k2"]],
    ]);
  });

  it("sends two credentials that could be one key to review (a personal key of a procured model)", () => {
    const r = inferMatches([cred("c1", YK, 5), cred("c2", YK, 9)], [key("k1", [YK], 1)]);
    expect(r.matches).toEqual([]);
    expect(r.reviews).toHaveLength(2);
  });

  it("separates two keys of one model by when they were assigned", () => {
    const r = inferMatches(
      [cred("c2", YK, 105), cred("c1", YK, 5)],
      [key("k2", [YK], 100), key("k1", [YK], 1)],
    );
    expect(r.matches.sort((a, b) => a.keyId.localeCompare(b.keyId))).toEqual([
      { credentialId: "c1", keyId: "k1" },
      { credentialId: "c2", keyId: "k2" },
    ]);
    expect(r.reviews).toEqual([]);
  });

  it("links keys of different models independently and never across users", () => {
    const r = inferMatches(
      [cred("c1", YK, 5), cred("c2", FIPS, 5), cred("c3", YK, 5, "u2")],
      [key("k1", [YK], 1), key("k2", [FIPS], 1)],
    );
    expect(r.matches).toHaveLength(2);
    expect(r.matches.find((m) => m.credentialId === "c3")).toBeUndefined();
  });
});
