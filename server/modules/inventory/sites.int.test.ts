import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { failure } from "@/server/lib/rejection.testing";
import { yubikey5c } from "@/server/db/fixtures";

// Site administration and reorder points through the tRPC caller on a real database.

const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
const auditor: Actor = { id: "sec-1", name: "Sam Security", email: null, roles: ["security"] };
const callerOf = createCallerFactory(appRouter);
let db: TestDatabase;
let api: ReturnType<typeof callerOf>;
let readOnly: ReturnType<typeof callerOf>;

const fieldErrors = (e: TRPCError) =>
  (e.cause as { details?: { fieldErrors?: Record<string, string[]> } } | undefined)?.details?.fieldErrors;

beforeAll(async () => {
  db = await createTestDatabase();
  const services = buildServices({ prisma: db.prisma, clock: () => new Date("2026-03-01T09:00:00Z") });
  api = callerOf({ actor: buyer, requestId: "req-sites", services });
  readOnly = callerOf({ actor: auditor, requestId: "req-sites-ro", services });
  await db.prisma.site.create({ data: { id: "lon", code: "LON", name: "London", officeLocation: "London" } });
  await db.prisma.keyModel.create({
    data: yubikey5c,
  });
});
afterAll(async () => {
  await db?.close();
});

describe("sites", () => {
  it("creates a site with a normalised code and blank optional fields as none, recording an audit event", async () => {
    const { id } = await api.inventory.createSite({
      code: " ams-wh ",
      name: "Amsterdam warehouse",
      kind: "warehouse",
      city: "Amsterdam",
      country: "",
      officeLocation: "",
    });
    const site = (await api.inventory.siteList()).find((s) => s.id === id)!;
    expect(site).toMatchObject({
      code: "AMS-WH",
      kind: "warehouse",
      city: "Amsterdam",
      country: null,
      officeLocation: null,
      keyCount: 0,
      reorderPoints: [],
    });
    const events = await db.prisma.auditEvent.findMany({
      where: { action: "inventory.site.create", subjectId: id },
    });
    expect(events).toHaveLength(1);
  });

  it("refuses a duplicate code with CONFLICT and a field error on code, writing nothing", async () => {
    const before = await db.prisma.site.count();
    const e = await failure(
      api.inventory.createSite({
        code: "lon",
        name: "London again",
        kind: "office",
        city: null,
        country: null,
        officeLocation: null,
      }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe("A site with code LON already exists.");
    expect(fieldErrors(e)).toEqual({ code: ["Another site already uses LON"] });
    expect(await db.prisma.site.count()).toBe(before);
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "inventory.site.create", after: { path: ["code"], equals: "LON" } },
      }),
    ).toBe(0);
  });

  it("refuses an office location another site maps, naming that site", async () => {
    const e = await failure(
      api.inventory.createSite({
        code: "LON2",
        name: "London 2",
        kind: "office",
        city: null,
        country: null,
        officeLocation: "London",
      }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(fieldErrors(e)).toEqual({ officeLocation: ["LON already uses this office location"] });
  });

  it("edits a site (keeping its own code is not a clash) with before and after in the audit event", async () => {
    await api.inventory.updateSite({
      id: "lon",
      code: "LON",
      name: "London HQ",
      kind: "office",
      city: "London",
      country: "GB",
      officeLocation: "London",
    });
    expect((await api.inventory.siteList()).find((s) => s.id === "lon")).toMatchObject({
      name: "London HQ",
      country: "GB",
    });
    const ev = await db.prisma.auditEvent.findFirst({
      where: { action: "inventory.site.update", subjectId: "lon" },
      select: { before: true, after: true },
    });
    expect(ev).toMatchObject({ before: { name: "London" }, after: { name: "London HQ" } });
  });

  it("refuses renaming a site to another's code, and an unknown site is NOT_FOUND", async () => {
    const ams = (await api.inventory.siteList()).find((s) => s.code === "AMS-WH")!;
    const e = await failure(
      api.inventory.updateSite({
        id: ams.id,
        code: "LON",
        name: "x",
        kind: "warehouse",
        city: null,
        country: null,
        officeLocation: null,
      }),
    );
    expect(e.code).toBe("CONFLICT");
    expect((await db.prisma.site.findUnique({ where: { id: ams.id }, select: { code: true } }))?.code).toBe(
      "AMS-WH",
    );
    expect(
      (
        await failure(
          api.inventory.updateSite({
            id: "nope",
            code: "NEW",
            name: "x",
            kind: "office",
            city: null,
            country: null,
            officeLocation: null,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("validates with the shared schema: a bad code or an empty name is BAD_REQUEST with field errors", async () => {
    const e = await failure(
      api.inventory.createSite({
        code: "L O N",
        name: "",
        kind: "office",
        city: null,
        country: null,
        officeLocation: null,
      }),
    );
    expect(e.code).toBe("BAD_REQUEST");
  });

  it("lists each site's reorder points per model once set", async () => {
    await api.inventory.setReorderPoint({ siteId: "lon", modelId: "m1", minimum: 7 });
    expect((await api.inventory.siteList()).find((s) => s.id === "lon")?.reorderPoints).toEqual([
      { modelId: "m1", minimum: 7 },
    ]);
  });

  it("lets procurement.read see sites but not change them", async () => {
    expect((await readOnly.inventory.siteList()).length).toBe(2);
    expect(
      (
        await failure(
          readOnly.inventory.createSite({
            code: "PAR",
            name: "Paris",
            kind: "office",
            city: null,
            country: null,
            officeLocation: null,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await db.prisma.site.count({ where: { code: "PAR" } })).toBe(0);
  });
});
