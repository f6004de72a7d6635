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
}

export function makeUnitOfWork(prisma: PrismaClient): UnitOfWork {
  return {
    db: prisma,
    run: (fn) => prisma.$transaction(fn, { maxWait: 10_000, timeout: 60_000 }),
  };
}
