import { afterAll, beforeAll } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { DAY } from "@/server/lib/time";
import { NOW } from "./testing";
import { yubikey5c } from "@/server/db/fixtures";

// Shared set-up for the assignment service's integration tests (assignment.*.int.test.ts): every
// lifecycle move through the assignment service on a real database (PGlite, or PostgreSQL when
// DATABASE_URL is set). Each test file calls useAssignmentDatabase() once at its top.

export let db: TestDatabase;
export let s: Services;
export let seq = 0;
export const nextSeq = () => ++seq;

/** A fresh key in `status`, optionally held by `custodianId`. */
export async function key(
  status:
    | "in_stock"
    | "reserved"
    | "assigned"
    | "active"
    | "returned"
    | "lost"
    | "ordered"
    | "retired" = "in_stock",
  custodianId: string | null = null,
) {
  const id = `k${++seq}`;
  await db.prisma.securityKey.create({
    data: {
      id,
      serial: `YK-${String(seq).padStart(4, "0")}`,
      vendor: "Yubico",
      modelId: "m1",
      siteId: "lon",
      status,
      custodianId,
    },
  });
  if (custodianId && (status === "assigned" || status === "active")) {
    await db.prisma.keyAssignment.create({
      data: {
        keyId: id,
        userId: custodianId,
        kind: "backup",
        assignedById: "seed",
        assignedAt: new Date(NOW.getTime() - 30 * DAY),
      },
    });
  }
  return id;
}
export const statusOf = async (id: string) =>
  (await db.prisma.securityKey.findUniqueOrThrow({ where: { id } })).status;

/** Registers the database (sites, one model, the users) for the calling test file. */
export function useAssignmentDatabase() {
  beforeAll(async () => {
    db = await createTestDatabase();
    s = buildServices({ prisma: db.prisma, clock: () => NOW });
    await db.prisma.site.createMany({
      data: [
        { id: "lon", code: "LON", name: "London", officeLocation: "London" },
        { id: "ber", code: "BER", name: "Berlin", officeLocation: "Berlin" },
      ],
    });
    await db.prisma.keyModel.create({
      data: yubikey5c,
    });
    await db.prisma.directoryUser.createMany({
      data: [
        {
          id: "u1",
          userPrincipalName: "ann@x.example",
          displayName: "Ann Lee",
          siteId: "lon",
          officeLocation: "London",
        },
        {
          id: "u2",
          userPrincipalName: "ben@x.example",
          displayName: "Ben Ng",
          siteId: "lon",
          officeLocation: "London",
        },
        {
          id: "u3",
          userPrincipalName: "cat@x.example",
          displayName: "Cat Ho",
          siteId: "lon",
          accountEnabled: false,
        },
        ...Array.from({ length: 6 }, (_, i) => ({
          id: `w${i}`,
          userPrincipalName: `w${i}@x.example`,
          displayName: `Wave ${i}`,
          siteId: i < 5 ? "lon" : null,
        })),
      ],
    });
  });

  afterAll(async () => {
    await db?.close();
  });
}
