// Who gets a slot next: waiters by rank (a priority view, single requests, then $batch calls oldest first).
import { describe, expect, it } from "vitest";
import { AdaptiveSemaphore, Aimd, priorityRank, RankedWaiters } from "./pacing";

const tick = () => new Promise((r) => setImmediate(r));

describe("ranked waiters", () => {
  it("wake the lowest rank first and, within a rank, in arrival order", async () => {
    const w = new RankedWaiters();
    const order: string[] = [];
    const add = (name: string, rank: number) => void w.wait(rank).then(() => order.push(name));
    add("batch 2 a", 2);
    add("batch 1 a", 1);
    add("batch 2 b", 2);
    add("priority", priorityRank);
    add("batch 1 b", 1);
    expect(w.bestRank).toBe(priorityRank);
    while (w.wakeOne(true)) await tick();
    expect(order).toEqual(["priority", "batch 1 a", "batch 1 b", "batch 2 a", "batch 2 b"]);
    expect(w.bestRank).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("adaptive semaphore", () => {
  /** One slot, what started in it (in order), and a first task that holds the slot until `open()`. */
  function oneSlot() {
    const sem = new AdaptiveSemaphore(new Aimd(1));
    const started: string[] = [];
    const log = (name: string, rank: number) => sem.run(async () => void started.push(name), rank);
    let open!: () => void;
    const held = new Promise<void>((r) => (open = r));
    const running = sem.run(() => (started.push("first"), held), 1);
    return { started, log, open, running };
  }

  it("hands a freed slot to the best rank waiting, not to the first that asked", async () => {
    const { started, log, open, running } = oneSlot();
    const later = log("rank 3", 3);
    const earlier = log("rank 2", 2);
    await tick();
    expect(started).toEqual(["first"]); // one slot
    open();
    await Promise.all([running, later, earlier]);
    expect(started).toEqual(["first", "rank 2", "rank 3"]);
  });

  it("a caller answered just now asks again at its rank before the slot is handed on: an older call keeps going", async () => {
    const sem = new AdaptiveSemaphore(new Aimd(1));
    const started: string[] = [];
    // Call 1 sends three requests one after another (like a $batch lane); call 2 is waiting from the start.
    const call1 = (async () => {
      for (let i = 1; i <= 3; i++) await sem.run(async () => void started.push(`call 1 #${i}`), 1);
    })();
    const call2 = sem.run(async () => void started.push("call 2"), 2);
    await Promise.all([call1, call2]);
    expect(started).toEqual(["call 1 #1", "call 1 #2", "call 1 #3", "call 2"]);
  });

  it("nobody takes a free slot while a better rank waits for it", async () => {
    const { started, log, open, running } = oneSlot();
    const waiting = log("rank 1 waiting", 1);
    open();
    await running; // the slot is free until the next turn of the event loop…
    const newcomer = log("rank 5 newcomer", 5);
    await Promise.all([waiting, newcomer]);
    expect(started).toEqual(["first", "rank 1 waiting", "rank 5 newcomer"]); // …and still goes by rank
  });
});
