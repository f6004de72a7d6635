import { afterAll, beforeAll } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { makeFakeEntra } from "./testing";

// The set-up the cases and recovery integration tests share: an embedded database, the services as the
// container wires them over the in-memory Entra (testing.ts), and a tRPC caller per actor. Registers its
// own beforeAll/afterAll; `h.db()` and `h.s()` are ready inside tests.

export function useHelpdeskCaller(opts: { clock?: () => Date } = {}) {
  const entra = makeFakeEntra();
  let db: TestDatabase;
  let s: Services;
  const callerOf = createCallerFactory(appRouter);
  beforeAll(async () => {
    db = await createTestDatabase();
    s = buildServices({
      prisma: db.prisma,
      graph: entra.graph,
      ...(opts.clock ? { clock: opts.clock } : {}),
    });
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    entra,
    db: () => db,
    s: () => s,
    as: (actor: Actor) => callerOf({ actor, requestId: `req-${actor.id}`, services: s }),
  };
}
