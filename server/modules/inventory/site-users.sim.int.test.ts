import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Sites and the users of their office, with users synced from the simulated tenant before any site
// existed (a fresh install where sites are typed in by hand after the first sync).

const buyer: Actor = { id: "buyer-1", name: "Pat Buyer", email: null, roles: ["procurement"] };
const agent: Actor = { id: "agent-1", name: "Hana Ito", email: null, roles: ["helpdesk"] };
let sim: RunningSimulator;
let db: TestDatabase;
let s: Services;
const as = (actor: Actor) =>
  createCallerFactory(appRouter)({ actor, requestId: `req-${actor.id}`, services: s });
const siteOf = async (id: string) =>
  await db.prisma.directoryUser.findUniqueOrThrow({
    where: { id },
    select: { siteId: true, siteSetManually: true },
  });
/** The HQ site's fields, at the given office location. */
const headOffice = (officeLocation: string) => ({
  code: "HQ",
  name: "Head office",
  kind: "office" as const,
  city: null,
  country: null,
  officeLocation,
});
let office: string;
let officeUsers: string[];

beforeAll(async () => {
  sim = await startTestSimulator({ users: 80, seed: 23 });
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  if ((await s.sync.run({ full: true })).skipped) throw new Error("sync skipped");
  const counts = new Map<string, number>();
  for (const u of sim.tenant.users)
    if (u.deletedAt === null && u.officeLocation)
      counts.set(u.officeLocation, (counts.get(u.officeLocation) ?? 0) + 1);
  office = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  officeUsers = (
    await db.prisma.directoryUser.findMany({ where: { officeLocation: office }, select: { id: true } })
  ).map((u) => u.id);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("sites attach the users of their office (simulated tenant)", () => {
  it("creating a site attaches every existing user of its office at once, recorded in the audit event; nobody else", async () => {
    expect(officeUsers.length).toBeGreaterThan(2);
    expect(await db.prisma.directoryUser.count({ where: { siteId: { not: null } } })).toBe(0);
    const { id } = await as(buyer).inventory.createSite(headOffice(office));
    const attached = await db.prisma.directoryUser.findMany({ where: { siteId: id }, select: { id: true } });
    expect(attached.map((u) => u.id).sort()).toEqual([...officeUsers].sort());
    const ev = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "inventory.site.create", subjectId: id },
    });
    expect(ev.after).toMatchObject({
      officeLocation: office,
      usersAttached: officeUsers.length,
      usersDetached: 0,
    });
  });

  it("a site set by hand survives a full sync and a site edit; handing it back follows the office again", async () => {
    const hq = (await db.prisma.site.findFirstOrThrow({ where: { code: "HQ" } })).id;
    const { id: remote } = await as(buyer).inventory.createSite({
      code: "REM",
      name: "Remote workers",
      kind: "office",
      city: null,
      country: null,
      officeLocation: null,
    });
    const [manual, automatic] = officeUsers as [string, string];
    await expect(as(buyer).users.setSite({ userId: manual, siteId: remote })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await as(agent).users.setSite({ userId: manual, siteId: remote })).toEqual({
      siteId: remote,
      siteSetManually: true,
    });
    expect(
      await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "users.set_site", subjectId: manual } }),
    ).toMatchObject({
      actorId: agent.id,
      before: { siteId: hq, siteSetManually: false },
      after: { siteId: remote, siteSetManually: true },
    });
    expect((await as(agent).users.get({ id: manual })).user).toMatchObject({
      site: "REM",
      siteSetManually: true,
    });

    if ((await s.sync.run({ full: true })).skipped) throw new Error("sync skipped");
    expect(await siteOf(manual)).toEqual({ siteId: remote, siteSetManually: true });
    expect(await siteOf(automatic)).toEqual({ siteId: hq, siteSetManually: false });

    // The HQ site moves to another office: its automatic users leave it, the hand-set one is untouched.
    await as(buyer).inventory.updateSite({ id: hq, ...headOffice("Somewhere new") });
    expect(await siteOf(automatic)).toEqual({ siteId: null, siteSetManually: false });
    expect(await siteOf(manual)).toEqual({ siteId: remote, siteSetManually: true });
    expect(
      (
        await db.prisma.auditEvent.findFirstOrThrow({
          where: { action: "inventory.site.update", subjectId: hq },
        })
      ).after,
    ).toMatchObject({ usersDetached: officeUsers.length - 1, usersAttached: 0 });

    await as(buyer).inventory.updateSite({ id: hq, ...headOffice(office) });
    expect(await as(agent).users.setSite({ userId: manual, siteId: null })).toEqual({
      siteId: hq,
      siteSetManually: false,
    });
    expect(await siteOf(automatic)).toEqual({ siteId: hq, siteSetManually: false });
  });
});
