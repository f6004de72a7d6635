import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Procurement's key models point at the built-in catalogue: a model made from a catalogue entry keeps the
// reference; what the organisation buys (cost, lead time) is its own.

const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
const YK5_NFC = ["2fc0579f-8113-47ea-b116-bb5a8db9202a", "fa2b99dc-9e39-4257-8f92-4a30d23c4118"];
const AUTHENTICATOR_ANDROID = "de1e552d-db1d-4423-a619-566b625cdc84";
let db: TestDatabase;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = callerOf({ actor: buyer, requestId: "req-cat", services: buildServices({ prisma: db.prisma }) });
  await db.prisma.directoryUser.create({
    data: { id: "u1", userPrincipalName: "u1@x.example", displayName: "User 1" },
  });
  await db.prisma.entraCredential.createMany({
    data: [
      {
        id: "c1",
        methodId: "m1",
        userId: "u1",
        aaguid: YK5_NFC[0]!,
        model: "YubiKey 5 Series with NFC",
        isUnknownModel: true,
      },
      {
        id: "c2",
        methodId: "m2",
        userId: "u1",
        aaguid: AUTHENTICATOR_ANDROID,
        model: "Microsoft Authenticator",
        isUnknownModel: true,
      },
      {
        id: "c3",
        methodId: "m3",
        userId: "u1",
        aaguid: "aaaaaaaa-0000-4000-8000-0000000000ff",
        model: "Acme Key",
        isUnknownModel: true,
      },
    ],
  });
});
afterAll(async () => {
  await db?.close();
});

const fields = { formFactor: "usb_a_nfc" as const, unitCostCents: 5200, leadTimeDays: 12 };

describe("key models and the built-in catalogue", () => {
  it("lists the catalogue's security keys by product (one product, several AAGUIDs), and no apps or synced providers", async () => {
    const products = await api.inventory.catalogProducts();
    const yk = products.find((p) => p.vendor === "Yubico" && p.product === "YubiKey 5 Series with NFC");
    expect(yk?.aaguids).toEqual(expect.arrayContaining(YK5_NFC));
    expect(products.every((p) => p.kind === "hardware")).toBe(true);
    expect(products.some((p) => p.aaguids.includes(AUTHENTICATOR_ANDROID))).toBe(false);
  });

  it("names the catalogue entry of each AAGUID no model claims, and leaves an unknown one as Entra calls it", async () => {
    const rows = await api.inventory.unknownAaguids();
    expect(rows.find((r) => r.aaguid === YK5_NFC[0])).toMatchObject({
      catalog: { vendor: "Yubico", kind: "hardware" },
    });
    expect(rows.find((r) => r.aaguid === AUTHENTICATOR_ANDROID)).toMatchObject({
      catalog: { vendor: "Microsoft", kind: "authenticator-app" },
    });
    expect(rows.find((r) => r.aaguid === "aaaaaaaa-0000-4000-8000-0000000000ff")).toMatchObject({
      exampleModel: "Acme Key",
      catalog: null,
    });
  });

  it("keeps the catalogue reference of a model made from an entry, with the buyer's own cost and lead time, audited", async () => {
    const { id } = await api.inventory.createModel({
      vendor: "Yubico",
      productName: "YubiKey 5 NFC",
      aaguids: YK5_NFC,
      catalogAaguid: YK5_NFC[0]!,
      ...fields,
    });
    const saved = (await api.inventory.models()).find((m) => m.id === id);
    expect(saved).toMatchObject({
      catalogAaguid: YK5_NFC[0],
      unitCostCents: 5200,
      leadTimeDays: 12,
      aaguids: expect.arrayContaining(YK5_NFC),
    });
    const event = await db.prisma.auditEvent.findFirst({
      where: { action: "inventory.model.create", subjectId: id },
    });
    expect(event?.after).toMatchObject({ catalogAaguid: YK5_NFC[0] });
  });

  it("refuses a catalogue reference the catalogue does not hold, with a sentence and a field error, writing nothing", async () => {
    const before = await db.prisma.keyModel.count();
    const e = await api.inventory
      .createModel({
        vendor: "Acme",
        productName: "Key 9",
        aaguids: [],
        catalogAaguid: "aaaaaaaa-0000-4000-8000-0000000000ff",
        ...fields,
      })
      .then(
        () => null,
        (x: unknown) => x,
      );
    expect(e).toBeInstanceOf(TRPCError);
    expect((e as TRPCError).code).toBe("BAD_REQUEST");
    expect((e as TRPCError).message).toMatch(/does not exist.*Pick one/);
    expect(await db.prisma.keyModel.count()).toBe(before);
  });
});
