import type { Prisma, PrismaClient } from "./generated/client";

/** A transaction handle: services pass it to repositories and never call Prisma on it themselves. */
export type Tx = Prisma.TransactionClient;
/** Either the client or a transaction: what repositories read and write through. */
export type Db = PrismaClient | Tx;

export interface UnitOfWork {
  /** For reads outside a transaction. */
  db: Db;
  /** Runs fn in one transaction: every change and its audit event commit together or not at all. */
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** `listener(tx)` runs after each transaction of `run` commits (never after a rollback); returns an unsubscribe. */
  afterCommit?(listener: (tx: Tx) => void): () => void;
}

export function makeUnitOfWork(prisma: PrismaClient): UnitOfWork {
  const listeners = new Set<(tx: Tx) => void>();
  return {
    db: prisma,
    async run(fn) {
      let used: Tx | undefined;
      const out = await prisma.$transaction((tx) => fn((used = tx)), { maxWait: 10_000, timeout: 60_000 });
      for (const listener of listeners) {
        try {
          listener(used!);
        } catch {
          // A listener (e.g. the audit checkpoint) never turns a committed change into a failure.
        }
      }
      return out;
    },
    afterCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
