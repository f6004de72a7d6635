import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "@/server/container";
import type { TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { startSyncedTenant } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { FIPS, lead, PROFILE, YK5 } from "./testing";

// A key-restriction draft previewed against the simulated tenant's FIDO2 policy (one default passkey
// profile, no restriction enforced) and a stock of two models: blocking one model names exactly the
// credentials of that model in the tenant (counted from the tenant's own state) and exactly that model's
// unregistered keys, and changes nothing in Entra or in KeyFleet.

let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;

/** Live credentials of this AAGUID in the tenant, of users not deleted (the tenant's truth, not the mirror's). */
const tenantCredentials = (aaguid: string) =>
  sim.tenant.credentials.filter(
    (c) => c.removedAt === null && c.aaGuid === aaguid && sim.tenant.users[c.userIdx]!.deletedAt === null,
  );

beforeAll(async () => {
  ({ sim, db, services } = await startSyncedTenant());
  api = callerOf({ actor: lead, requestId: "req-restrictions", services });
  const p = db.prisma;
  await p.site.create({ data: { id: "s-lon", code: "LON", name: "London" } });
  await p.keyModel.create({
    data: {
      id: "m-yk",
      vendor: "Yubico",
      productName: "YubiKey 5 NFC",
      formFactor: "usb_a_nfc",
      aaguids: { create: [{ aaguid: YK5 }] },
    },
  });
  await p.keyModel.create({
    data: {
      id: "m-fips",
      vendor: "Yubico",
      productName: "YubiKey 5 FIPS",
      formFactor: "usb_a_nfc",
      aaguids: { create: [{ aaguid: FIPS }] },
    },
  });
  const holder = await p.directoryUser.findFirstOrThrow({ where: { deletedAt: null }, select: { id: true } });
  const key = (serial: string, modelId: string, status: "in_stock" | "assigned") => ({
    serial,
    vendor: "Yubico",
    modelId,
    siteId: "s-lon",
    status,
    custodianId: status === "assigned" ? holder.id : null,
  });
  await p.securityKey.createMany({
    data: [
      key("YK-1", "m-yk", "in_stock"),
      key("YK-2", "m-yk", "in_stock"),
      key("YK-3", "m-yk", "in_stock"),
      key("FP-1", "m-fips", "in_stock"),
      key("FP-2", "m-fips", "assigned"),
    ],
  });
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("key restrictions: current state and a draft's preview (simulated tenant)", () => {
  it("shows the default passkey profile for all users, nothing enforced, and the models by name", async () => {
    const r = await api.levers.restrictions();
    expect(r.targets).toEqual([
      expect.objectContaining({
        id: PROFILE,
        name: "Default passkey profile",
        isEnforced: false,
        models: [],
        groups: [{ id: "all_users", name: "All users" }],
      }),
    ]);
    expect(r.models.find((m) => m.id === "m-yk")).toEqual({
      id: "m-yk",
      name: "Yubico YubiKey 5 NFC",
      aaguids: [YK5],
      credentials: tenantCredentials(YK5).length,
    });
  });

  it("a block on one model names its holders and its in-stock keys, and nothing else", async () => {
    const policyBefore = structuredClone(sim.tenant.fido2Policy);
    const auditsBefore = await db.prisma.auditEvent.count();
    const holders = tenantCredentials(YK5);
    expect(holders.length).toBeGreaterThan(0);
    const r = await api.levers.previewRestriction({
      targetId: PROFILE,
      isEnforced: true,
      enforcementType: "block",
      aaguids: [YK5.toUpperCase()],
    });
    expect(r.blockedModels).toEqual([{ aaguid: YK5, name: "Yubico YubiKey 5 NFC" }]);
    expect(r.credentials.total).toBe(holders.length);
    expect(r.credentials.people).toBe(new Set(holders.map((c) => c.userIdx)).size);
    expect(new Set(r.credentials.list.map((c) => c.userId))).toEqual(
      new Set(holders.map((c) => sim.tenant.users[c.userIdx]!.id)),
    );
    expect(r.keys.byModel).toEqual([{ model: "Yubico YubiKey 5 NFC", inStock: 3, reserved: 0, assigned: 0 }]);
    expect(r.keys.assigned).toEqual([]);
    expect(sim.tenant.fido2Policy).toEqual(policyBefore);
    expect(await db.prisma.auditEvent.count()).toBe(auditsBefore);
  });

  it("an allow list of the FIPS model blocks every other key, the assigned FIPS key stays usable", async () => {
    const r = await api.levers.previewRestriction({
      targetId: PROFILE,
      isEnforced: true,
      enforcementType: "allow",
      aaguids: [FIPS],
    });
    const others = sim.tenant.credentials.filter(
      (c) => c.removedAt === null && c.aaGuid !== FIPS && sim.tenant.users[c.userIdx]!.deletedAt === null,
    );
    expect(r.credentials.total).toBe(others.length);
    expect(r.credentials.list.some((c) => c.model.includes("FIPS"))).toBe(false);
    expect(r.keys.byModel).toEqual([{ model: "Yubico YubiKey 5 NFC", inStock: 3, reserved: 0, assigned: 0 }]);
  });

  it("refuses a draft for a restriction the policy no longer has, in words", async () => {
    const err = await api.levers
      .previewRestriction({ targetId: "gone", isEnforced: true, enforcementType: "block", aaguids: [] })
      .then(
        () => null,
        (e: unknown) => e as TRPCError,
      );
    expect(err?.code).toBe("CONFLICT");
    expect(err?.message).toMatch(/Reload and draft again/);
  });
});
