import { afterAll, beforeAll } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { DAY } from "@/server/lib/time";
import { securityKeyNfc, yubikey5c } from "@/server/db/fixtures";

// Shared set-up for the inventory integration tests (inventory.*.int.test.ts): sites, models, reorder points,
// twelve users, twenty keys, credentials and two waves on a real database, reached through the tRPC caller.
// Each test file calls useInventoryDatabase() once at its top.

export const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
export const NOW = new Date("2026-03-01T09:00:00Z");
export let db: TestDatabase;
export let services: Services;
const callerOf = createCallerFactory(appRouter);
export let api: ReturnType<typeof callerOf>;

export { failure } from "@/server/lib/rejection.testing";

/** Registers the database and the caller for the calling test file (counting its statements if asked). */
export function useInventoryDatabase(options: { countQueries?: boolean } = {}) {
  beforeAll(async () => {
    db = await createTestDatabase(options);
    services = buildServices({ prisma: db.prisma, clock: () => NOW });
    api = callerOf({ actor: buyer, requestId: "req-inv", services });
    const p = db.prisma;
    await p.site.createMany({
      data: [
        { id: "ams", code: "AMS", name: "Amsterdam", kind: "warehouse" },
        { id: "lon", code: "LON", name: "London", officeLocation: "London" },
        { id: "ber", code: "BER", name: "Berlin", officeLocation: "Berlin" },
      ],
    });
    await p.keyModel.createMany({
      data: [yubikey5c, securityKeyNfc],
    });
    await p.keyModelAaguid.create({
      data: { aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a", modelId: "m1" },
    });
    await p.reorderPoint.createMany({
      data: [
        { siteId: "lon", modelId: "m1", minimum: 5 },
        { siteId: "ber", modelId: "m1", minimum: 2 },
      ],
    });
    const users = Array.from({ length: 12 }, (_, i) => ({
      id: `u${i}`,
      userPrincipalName: `user${i}@x.example`,
      displayName: i === 0 ? '=HYPERLINK("http://evil")' : `User ${String(i).padStart(2, "0")}`,
      department: i < 6 ? "IT" : "Sales",
      siteId: i % 2 ? "ber" : "lon",
      officeLocation: i % 2 ? "Berlin" : "London",
    }));
    await p.directoryUser.createMany({ data: users });
    // 20 keys: K-000..K-019. LON in stock 0-3, BER in stock 4-5, u0 holds K-006 (active), u1 holds K-007 (assigned), lost 8-9 (recently), AMS rest.
    await p.securityKey.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        id: `k${i}`,
        serial: `K-${String(i).padStart(3, "0")}`,
        vendor: "Yubico",
        modelId: i === 19 ? "m2" : "m1",
        siteId: i < 4 ? "lon" : i < 6 ? "ber" : i < 8 ? (i === 6 ? "lon" : "ber") : i < 10 ? "lon" : "ams",
        status: i < 6 ? "in_stock" : i === 6 ? "active" : i === 7 ? "assigned" : i < 10 ? "lost" : "in_stock",
        custodianId: i === 6 ? "u0" : i === 7 ? "u1" : i === 8 ? "u2" : null,
        statusChangedAt:
          i === 8 || i === 9 ? new Date(NOW.getTime() - 10 * DAY) : new Date(NOW.getTime() - 100 * DAY),
      })),
    });
    await p.keyAssignment.create({
      data: {
        keyId: "k6",
        userId: "u0",
        assignedById: "agent",
        assignedAt: new Date(NOW.getTime() - 50 * DAY),
      },
    });
    await p.entraCredential.createMany({
      data: [
        {
          methodId: "cred-1",
          userId: "u0",
          aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
          keyId: "k6",
          matchMethod: "enrolled",
          createdDateTime: new Date(NOW.getTime() - 49 * DAY),
        },
        {
          methodId: "cred-2",
          userId: "u3",
          aaguid: "12345678-1234-1234-1234-123456789abc",
          model: "Mystery Key",
          isUnknownModel: true,
        },
      ],
    });
    // Waves: W1 (IT, backup required) starts in 30 days, W-old's deadline has passed.
    await p.rolloutWave.create({
      data: {
        id: "w1",
        name: "W1",
        startDate: new Date(NOW.getTime() + 30 * DAY),
        registrationDeadline: new Date(NOW.getTime() + 60 * DAY),
        requiresBackupKey: true,
        members: { create: users.filter((u) => u.department === "IT").map((u) => ({ userId: u.id })) },
      },
    });
    await p.rolloutWave.create({
      data: {
        id: "w0",
        name: "W-old",
        startDate: new Date(NOW.getTime() - 90 * DAY),
        registrationDeadline: new Date(NOW.getTime() - 30 * DAY),
        members: { create: users.filter((u) => u.department === "Sales").map((u) => ({ userId: u.id })) },
      },
    });
  });
  afterAll(async () => {
    await db?.close();
  });
}
