import { logger } from "@/server/lib/logger";

// The hash chain proves that no stored event was changed, but not that the newest ones still exist:
// whoever can delete the tail (a database owner with the trigger off) leaves a shorter, valid chain.
// So the chain's head is also written to the log, which is shipped off the host, and
// `keyfleet audit verify --checkpoints <log>` checks the database against it (docs/SECURITY.md, gap 1).

export const CHECKPOINT_MESSAGE = "audit.checkpoint";

export interface ChainHead {
  seq: bigint;
  hash: string;
}

export interface Checkpoint {
  seq: bigint;
  hash: string;
  /** When it was logged (ISO), as written on the line. */
  time: string;
  /** 1-based line in the log file. */
  line: number;
}

export type CheckpointReason = "start" | "events" | "interval" | "shutdown";

export interface CheckpointerOptions {
  /** Log after this many events committed by this process. */
  every: number;
  /** And this often when the head moved since the last checkpoint. */
  intervalMs: number;
  /** The committed head in the database (all instances' events). */
  readHead: () => Promise<ChainHead | null>;
  write?: (head: ChainHead, reason: CheckpointReason) => void;
}

const logCheckpoint = (head: ChainHead, reason: CheckpointReason) =>
  logger.always(CHECKPOINT_MESSAGE, { seq: head.seq.toString(), hash: head.hash, reason });

export function makeCheckpointer({
  every,
  intervalMs,
  readHead,
  write = logCheckpoint,
}: CheckpointerOptions) {
  let known: ChainHead | null = null;
  let lastWritten: bigint | null = null;
  let sinceLast = 0;
  let timer: NodeJS.Timeout | null = null;

  const learn = (head: ChainHead | null) => {
    if (head && (!known || head.seq > known.seq)) known = head;
  };
  /** Synchronous, so it also works from an `exit` handler. */
  const flush = (reason: CheckpointReason) => {
    if (!known || known.seq === lastWritten) return;
    write(known, reason);
    lastWritten = known.seq;
    sinceLast = 0;
  };

  return {
    /** After a transaction that appended `events` events, `head` being the newest of them, commits. */
    committed(head: ChainHead, events: number) {
      learn(head);
      sinceLast += events;
      if (sinceLast >= every) flush("events");
    },
    async tick(reason: CheckpointReason = "interval") {
      try {
        learn(await readHead());
      } catch (error) {
        logger.warn("audit checkpoint: could not read the chain head; using the last one seen", { error });
      }
      flush(reason);
    },
    flush,
    start() {
      timer = setInterval(() => void this.tick(), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type Checkpointer = ReturnType<typeof makeCheckpointer>;

/** One log line as a checkpoint, or null for every other line (other messages, other programs, junk). */
export function parseCheckpointLine(raw: string, line: number): Checkpoint | null {
  if (!raw.includes(CHECKPOINT_MESSAGE)) return null;
  let entry: unknown;
  try {
    entry = JSON.parse(raw.slice(raw.indexOf("{")));
  } catch {
    return null;
  }
  const e = entry as { message?: unknown; seq?: unknown; hash?: unknown; time?: unknown };
  if (e.message !== CHECKPOINT_MESSAGE || typeof e.seq !== "string" || !/^\d{1,19}$/.test(e.seq)) return null;
  if (typeof e.hash !== "string" || !/^[0-9a-f]{64}$/.test(e.hash)) return null;
  return { seq: BigInt(e.seq), hash: e.hash, time: typeof e.time === "string" ? e.time : "?", line };
}

/** Checkpoint lines of a whole log text. */
export function parseCheckpoints(text: string): Checkpoint[] {
  return text.split("\n").flatMap((raw, i) => parseCheckpointLine(raw, i + 1) ?? []);
}

export type CheckpointVerdict =
  | { ok: true; checkpoints: number }
  | { ok: false; checkpoints: number; checkpoint: Checkpoint; reason: string };

/** The first checkpoint (in log order) the database contradicts. */
export function compareCheckpoints(
  checkpoints: Checkpoint[],
  head: ChainHead | null,
  hashes: Map<bigint, string>,
): CheckpointVerdict {
  for (const cp of checkpoints) {
    const stored = hashes.get(cp.seq);
    if (!head || head.seq < cp.seq) {
      const ends = head ? `ends at event #${head.seq}` : "is empty";
      return {
        ok: false,
        checkpoints: checkpoints.length,
        checkpoint: cp,
        reason: `the trail ${ends}, shorter than the checkpoint: the newest events were deleted`,
      };
    }
    if (stored === undefined)
      return {
        ok: false,
        checkpoints: checkpoints.length,
        checkpoint: cp,
        reason: `event #${cp.seq} is missing from the trail`,
      };
    if (stored !== cp.hash)
      return {
        ok: false,
        checkpoints: checkpoints.length,
        checkpoint: cp,
        reason: `event #${cp.seq} has a different hash, so the trail was rewritten up to it`,
      };
  }
  return { ok: true, checkpoints: checkpoints.length };
}

export const describeCheckpoint = (cp: Checkpoint) =>
  `checkpoint of ${cp.time} (log line ${cp.line}: event #${cp.seq}, hash ${cp.hash.slice(0, 12)}…)`;

/**
 * Checkpoints for the life of a server process: one at start, after every `every` committed events,
 * every `intervalMs` when the head moved, and at exit. Next.js ends the process with process.exit after
 * its own SIGTERM/SIGINT cleanup, so the last one is written from the (synchronous) `exit` event.
 */
export function startCheckpoints(
  audit: {
    onCommitted(listener: (head: ChainHead, events: number) => void): () => void;
    head(): Promise<ChainHead | null>;
  },
  options: { every: number; intervalMs: number },
): { ready: Promise<void>; stop(): void } {
  const checkpointer = makeCheckpointer({ ...options, readHead: () => audit.head() });
  const off = audit.onCommitted((head, events) => checkpointer.committed(head, events));
  const atExit = () => checkpointer.flush("shutdown");
  process.once("exit", atExit);
  checkpointer.start();
  return {
    /** The start checkpoint is written (tests wait for it; the server need not). */
    ready: checkpointer.tick("start"),
    stop() {
      off();
      checkpointer.stop();
      process.off("exit", atExit);
      atExit();
    },
  };
}
