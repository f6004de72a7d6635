import { describe, expect, it } from "vitest";
import {
  compareCheckpoints,
  makeCheckpointer,
  parseCheckpoints,
  type ChainHead,
  type CheckpointReason,
} from "./audit.checkpoint";

const h = (n: number): ChainHead => ({ seq: BigInt(n), hash: n.toString(16).padStart(64, "0") });

function recorder(dbHead: { current: ChainHead | null }) {
  const written: [number, CheckpointReason][] = [];
  const cp = makeCheckpointer({
    every: 100,
    intervalMs: 300_000,
    readHead: async () => dbHead.current,
    write: (head, reason) => written.push([Number(head.seq), reason]),
  });
  return { cp, written };
}

describe("audit checkpointer", () => {
  it("writes after every N committed events, on a tick only when the head moved (other instances too), and once at shutdown", async () => {
    const db = { current: null as ChainHead | null };
    const { cp, written } = recorder(db);
    await cp.tick("start");
    expect(written).toEqual([]); // empty trail: nothing to anchor
    for (let i = 1; i <= 99; i++) cp.committed(h(i), 1);
    expect(written).toEqual([]);
    cp.committed(h(101), 2); // one transaction with two events crosses 100
    expect(written).toEqual([[101, "events"]]);
    db.current = h(101);
    await cp.tick();
    expect(written).toHaveLength(1); // unchanged head: no line every 5 minutes for nothing
    db.current = h(140); // another portal instance wrote 39 events
    await cp.tick();
    cp.flush("shutdown");
    expect(written).toEqual([
      [101, "events"],
      [140, "interval"],
    ]);
    cp.committed(h(141), 1);
    cp.flush("shutdown");
    expect(written.at(-1)).toEqual([141, "shutdown"]);
  });

  it("keeps the newest head it has seen when the database cannot be read", async () => {
    const written: number[] = [];
    const cp = makeCheckpointer({
      every: 5,
      intervalMs: 1000,
      readHead: () => Promise.reject(new Error("db down")),
      write: (head) => written.push(Number(head.seq)),
    });
    cp.committed(h(3), 1);
    await cp.tick();
    expect(written).toEqual([3]);
  });
});

describe("checkpoint lines", () => {
  const line = (seq: string, hash: string, extra = "") =>
    `${extra}{"time":"2026-12-06T01:00:00.000Z","level":"info","message":"audit.checkpoint","seq":"${seq}","hash":"${hash}","reason":"events"}`;
  it("reads only well-formed checkpoint lines, with or without a shipper's prefix", () => {
    const text = [
      line("7", h(7).hash),
      "junk audit.checkpoint {",
      line("8", "nothex"),
      line("-1", h(1).hash),
      '{"message":"other","seq":"9"}',
      line("9", h(9).hash, "host app: "),
    ].join("\n");
    expect(parseCheckpoints(text).map((c) => [c.seq, c.line])).toEqual([
      [7n, 1],
      [9n, 6],
    ]);
  });

  it("fails on a rewritten head even when the trail is long enough, and passes when every hash matches", () => {
    const cps = parseCheckpoints([line("2", h(2).hash), line("4", h(4).hash)].join("\n"));
    const hashes = new Map([
      [2n, h(2).hash],
      [4n, h(4).hash],
    ]);
    expect(compareCheckpoints(cps, h(5), hashes)).toEqual({ ok: true, checkpoints: 2 });
    const rewritten = compareCheckpoints(
      cps,
      h(5),
      new Map([
        [2n, h(2).hash],
        [4n, "f".repeat(64)],
      ]),
    );
    expect(rewritten).toMatchObject({
      ok: false,
      checkpoint: { seq: 4n },
      reason: expect.stringMatching(/different hash/),
    });
    expect(compareCheckpoints(cps, null, new Map())).toMatchObject({
      ok: false,
      checkpoint: { seq: 2n },
      reason: expect.stringMatching(/is empty/),
    });
  });
});
