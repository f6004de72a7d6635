import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/server/auth/permissions";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeFakeEntra, seedUser } from "@/server/modules/cases/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// A key's own page (issue 13): inventory.key says which actions apply for the viewer, and each one,
// run through the existing procedures, moves the key and leaves an audit event. A move the page does not
// offer is refused by the service too.

const entra = makeFakeEntra();
let db: TestDatabase;
let s: Services;
const callerOf = createCallerFactory(appRouter);
const as = (role: Role) =>
  callerOf({
    actor: { id: `v-${role}`, name: role, email: null, roles: [role] },
    requestId: "r",
    services: s,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: entra.graph });
  await db.prisma.site.create({ data: { id: "site-b", code: "BER", name: "Berlin" } });
});
afterAll(async () => {
  await db?.close();
});
const auditOf = (keyId: string) =>
  db.prisma.auditEvent.findMany({
    where: { subjectId: keyId },
    select: { action: true },
    orderBy: { seq: "asc" },
  });

describe("the key page's actions", () => {
  it("a held key with a live credential: helpdesk may check it in; retire is not offered and is refused", async () => {
    const u = await seedUser(db.prisma, entra);
    const keyId = u.keyIds[0]!;
    let d = await as("helpdesk").inventory.key({ id: keyId });
    expect(d.actions).toEqual(["check_in"]);
    expect((await as("procurement").inventory.key({ id: keyId })).actions).toEqual([]);
    await expect(
      as("helpdesk").assignment.retireKey({ keyId, version: d.key.version, reason: "old" }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    await as("helpdesk").assignment.returnKey({ keyId, version: d.key.version, condition: "good" });
    d = await as("helpdesk").inventory.key({ id: keyId });
    expect(d.key).toMatchObject({ status: "returned", custodianId: null });
    expect((await auditOf(keyId)).map((e) => e.action)).toContain("keys.return");
  });

  it("a returned key: procurement transfers it to another site, then retires it; nothing is offered after", async () => {
    const u = await seedUser(db.prisma, entra);
    const keyId = u.keyIds[0]!;
    await db.prisma.entraCredential.updateMany({ where: { keyId }, data: { removedAt: new Date() } });
    const k0 = await as("helpdesk").inventory.key({ id: keyId });
    await as("helpdesk").assignment.returnKey({ keyId, version: k0.key.version, condition: "good" });
    let d = await as("procurement").inventory.key({ id: keyId });
    expect(d.actions).toEqual(["transfer", "retire"]);
    await as("procurement").inventory.transferKeys({
      keys: [{ id: keyId, version: d.key.version }],
      toSiteId: "site-b",
    });
    d = await as("procurement").inventory.key({ id: keyId });
    expect(d.key.site).toBe("BER");
    await as("procurement").inventory.retireKeys({
      keys: [{ id: keyId, version: d.key.version }],
      reason: "End of life",
    });
    d = await as("admin").inventory.key({ id: keyId });
    expect(d.key.status).toBe("retired");
    expect(d.actions).toEqual([]);
    const actions = (await auditOf(keyId)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["keys.return", "inventory.key.transfer", "inventory.key.retire"]),
    );
  });
});
