import { afterAll, beforeAll } from "vitest";
import { pickKeys } from "@/server/lib/pick-keys";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import type { UserState } from "./rollout.constants";
import { NOW, seedKnownTenant } from "./testing";

// Shared set-up for the rollout integration tests (rollout.*.int.test.ts). Each test file calls
// useRolloutDatabase() once at its top.
//
// Every figure on a tenant counted by hand (testing.ts). In scope: u1 u2 u3 u4 u5 u6 u9 (u7 disabled, u8 guest).
//   user dept     site waves  hw-keys used assigned ready passwordless
//   u1   IT       LON  W1     2       yes  k1,k2    yes   yes
//   u2   Finance  LON  W1 W2  1       no   k3       yes   no          ← in two waves
//   u3   Finance  BER  W2     0       no   k4       yes (Hello in report)
//   u4   Finance  BER  W2     0 (c4 removed)        no
//   u5   IT       —    W1     0 (c5 unknown model, personal)  yes
//   u6   IT       LON  W1     0                     no
//   u9   Sales    LON  —      1 (c9 model never procured, personal) yes  yes
// W3 matches nobody (an empty wave).

export const lead: Actor = { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] };
export let db: TestDatabase;
export let services: Services;
const callerOf = createCallerFactory(appRouter);
export let api: ReturnType<typeof callerOf>;

/** Registers the database (the hand-counted tenant) and the caller for the calling test file. */
export function useRolloutDatabase() {
  beforeAll(async () => {
    db = await createTestDatabase();
    services = buildServices({ prisma: db.prisma, clock: () => NOW });
    api = callerOf({ actor: lead, requestId: "req-rollout", services });
    await seedKnownTenant(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
}

/** A figure without its label, for comparing counts. */
export const pick = (f: Record<string, unknown>) =>
  pickKeys(f, [
    "key",
    "scope",
    "assigned",
    "registered",
    "assignedUnregistered",
    "used",
    "backup",
    "passwordless",
    "notReady",
    "target",
  ]);
export const drillTotal = async (f: {
  waveId?: string;
  department?: string;
  siteId?: string;
  state: UserState;
}) => (await api.dashboard.users({ page: 1, pageSize: 200, ...f })).total;
