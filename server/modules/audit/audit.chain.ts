import { createHash } from "node:crypto";
import { canonicalJson } from "@/server/lib/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

/** The fields an audit event's hash covers: everything but its own hash and sequence number. */
export interface ChainedFields {
  at: Date;
  actorId: string;
  actorName: string;
  role: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  requestId: string;
  prevHash: string;
}

export function hashEvent(e: ChainedFields): string {
  const body = canonicalJson({
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    role: e.role,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
  });
  return createHash("sha256").update(e.prevHash).update("\n").update(body).digest("hex");
}

export type ChainVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: string; reason: string };

type ChainedEvent = ChainedFields & { seq: bigint | string; hash: string };

/** Checks events one at a time in sequence order (memory stays flat on a long trail). */
export function makeChainVerifier(start = GENESIS_HASH) {
  let prev = start;
  let checked = 0;
  return {
    /** Returns a verdict naming the first event whose link or content does not hold, else undefined. */
    push(e: ChainedEvent): ChainVerdict | undefined {
      if (e.prevHash !== prev) {
        return {
          ok: false,
          checked,
          brokenAt: String(e.seq),
          reason:
            "prevHash does not match the previous event's hash (an event was removed, inserted or reordered)",
        };
      }
      if (hashEvent(e) !== e.hash) {
        return {
          ok: false,
          checked,
          brokenAt: String(e.seq),
          reason: "content does not match its hash (the event was altered)",
        };
      }
      prev = e.hash;
      checked++;
      return undefined;
    },
    result: (): ChainVerdict => ({ ok: true, checked }),
  };
}

export function verifyChain(events: Iterable<ChainedEvent>): ChainVerdict {
  const verifier = makeChainVerifier();
  for (const e of events) {
    const broken = verifier.push(e);
    if (broken) return broken;
  }
  return verifier.result();
}
