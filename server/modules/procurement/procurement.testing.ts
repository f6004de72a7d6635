import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { securityKeyNfc, yubikey5c } from "@/server/db/fixtures";

// Shared set-up for the procurement integration tests (procurement.*.int.test.ts): two sites and three
// models on a real database, reached through the tRPC caller. Each test file calls
// useProcurementDatabase() once at its top.

export const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
export let db: TestDatabase;
export let services: Services;
const callerOf = createCallerFactory(appRouter);
export let api: ReturnType<typeof callerOf>;

/** Registers the database and the caller for the calling test file. */
export function useProcurementDatabase() {
  beforeAll(async () => {
    db = await createTestDatabase();
    services = buildServices({ prisma: db.prisma, clock: () => new Date("2026-03-01T09:00:00Z") });
    api = callerOf({ actor: buyer, requestId: "req-proc", services });
    await db.prisma.site.createMany({
      data: [
        { id: "ams", code: "AMS", name: "Amsterdam", kind: "warehouse" },
        { id: "lon", code: "LON", name: "London", officeLocation: "London" },
      ],
    });
    await db.prisma.keyModel.createMany({
      data: [
        { ...yubikey5c, unitCostCents: 6000 },
        { ...securityKeyNfc, unitCostCents: 2900 },
        {
          id: "m3",
          vendor: "Feitian",
          productName: "ePass FIDO2-NFC",
          formFactor: "usb_a_nfc",
          unitCostCents: 2600,
          leadTimeDays: 28,
        },
      ],
    });
  });
  afterAll(async () => {
    await db?.close();
  });
}

export const draft = (lines: { modelId: string; quantity: number }[], siteId = "ams") =>
  api.procurement.create({
    vendor: "Yubico",
    siteId,
    expectedDate: new Date("2026-03-20"),
    notes: null,
    lines: lines.map((l) => ({ ...l, unitCostCents: 6000 })),
  });
export async function ordered(lines: { modelId: string; quantity: number }[], siteId = "ams") {
  const po = await draft(lines, siteId);
  await api.procurement.placeOrder({ id: po.id });
  return po;
}
export { failure } from "@/server/lib/rejection.testing";
export const shape = (e: TRPCError) =>
  (e.cause as { details?: Record<string, unknown> } | undefined)?.details;
export const audits = (action: string) => db.prisma.auditEvent.count({ where: { action } });
