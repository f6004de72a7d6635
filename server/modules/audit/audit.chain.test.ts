import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, verifyChain, type ChainedFields } from "./audit.chain";

function chain(n: number) {
  const events: (ChainedFields & { seq: bigint; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: ChainedFields = {
      at: new Date(Date.UTC(2026, 10, 1, 0, i)),
      actorId: "u1",
      actorName: "Agent",
      role: "helpdesk",
      action: "keys.assign",
      subjectType: "SecurityKey",
      subjectId: `k${i}`,
      before: { status: "in_stock" },
      after: { status: "assigned", n: i },
      requestId: `r${i}`,
      prevHash: prev,
    };
    const hash = hashEvent(fields);
    events.push({ ...fields, seq: BigInt(i), hash });
    prev = hash;
  }
  return events;
}

describe("audit hash chain", () => {
  it("accepts an intact chain", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5 });
  });

  it("hashes the same whatever the key order of before/after", () => {
    const [e] = chain(1);
    const reordered = { ...e!, after: { n: 1, status: "assigned" } };
    expect(hashEvent(reordered)).toBe(e!.hash);
  });

  it("names the first altered event", () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after: { status: "lost" } };
    const verdict = verifyChain(events);
    expect(verdict).toMatchObject({ ok: false, brokenAt: "3", checked: 2 });
  });

  it("names the event after a removed one", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: "3" });
  });

  it("catches a changed actor even when the hash field is recomputed for that event alone", () => {
    const events = chain(4);
    const forged = { ...events[1]!, actorId: "attacker" };
    forged.hash = hashEvent(forged);
    events[1] = forged;
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: "3" });
  });
});
