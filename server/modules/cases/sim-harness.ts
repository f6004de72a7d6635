import { afterAll, beforeAll } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, freshMember, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter, type AppRouter } from "@/server/trpc/root";
import type { inferRouterOutputs } from "@trpc/server";
import { hana, YK5 } from "./test-actors";

// The simulated-tenant harness of the case tests (a production-like tenant: sites HQ and FAR, the
// catalogue, one sync): registers its own beforeAll/afterAll, so a test file's own hooks, registered
// after it, see everything ready. `h.get()` gives the running tenant, database and services.

export { hana, YK5 } from "./test-actors";
export type SimUser = RunningSimulator["tenant"]["users"][number];
type CaseView = inferRouterOutputs<AppRouter>["cases"]["get"];

const caller = (actor: Actor, services: Services) =>
  createCallerFactory(appRouter)({ actor, requestId: `req-${actor.id}`, services });

/** Entra dates a credential to the whole second: wait into the next one. */
export const nextSecond = () => new Promise((r) => setTimeout(r, 1_100));

/**
 * The agent hands the key to the user in person; a second later the user registers it in Entra. Returns
 * the new credential's id; the mirror learns of it at the next sync.
 */
export async function handOverAndRegister(
  api: Pick<ReturnType<typeof caller>, "assignment">,
  sim: RunningSimulator,
  db: TestDatabase,
  userId: string,
  keyId: string,
): Promise<string> {
  await api.assignment.assign({
    userId,
    keys: [{ keyId, kind: "primary" }],
    handover: { method: "in_person" },
  });
  await nextSecond();
  const { serial } = await db.prisma.securityKey.findUniqueOrThrow({ where: { id: keyId } });
  return sim.control.registerCredential(userId, { aaGuid: YK5, serial }).credentialId;
}

export function useSimulatedHelpdesk(opts: { users?: number; seed?: number } = {}) {
  let sim: RunningSimulator;
  let db: TestDatabase;
  let s: Services;
  let hqOffice: string;
  let stockSeq = 0;
  const api = (actor: Actor = hana) => caller(actor, s);
  const used = new Set<string>();

  /** A member with no key in Entra yet; `atHq` picks one whose office is the HQ site's, else one with another office. */
  const freshUser = (atHq: boolean): SimUser =>
    freshMember(
      sim,
      used,
      (x) => !!x.officeLocation && (atHq ? x.officeLocation === hqOffice : x.officeLocation !== hqOffice),
    );

  async function stockKey(siteId = "site-hq") {
    const id = `stock-${++stockSeq}`;
    const model = await db.prisma.keyModel.findFirstOrThrow({
      where: { aaguids: { some: { aaguid: YK5 } } },
      select: { id: true },
    });
    await db.prisma.securityKey.create({
      data: {
        id,
        serial: `YK-E${stockSeq}`,
        vendor: "Yubico",
        modelId: model.id,
        siteId,
        status: "in_stock",
      },
    });
    return { id, serial: `YK-E${stockSeq}` };
  }

  /** Hands a key from stock to `u`, who registers it in Entra; a sync links the credential to it. */
  async function withRegisteredKey(u: SimUser) {
    const k = await stockKey();
    const methodId = await handOverAndRegister(api(), sim, db, u.id, k.id);
    await s.sync.run();
    return { key: k, methodId };
  }

  /** Verifies the case's user in person at the desk; returns the case after it. */
  const verifyInPerson = (c: { id: string; version: number }) =>
    api().cases.verify({
      caseId: c.id,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });

  /** Runs the case's steps of these kinds, in this order; returns the case after the last. */
  async function runSteps(c: CaseView, kinds: readonly string[]) {
    for (const kind of kinds)
      c = await api().cases.runStep({
        caseId: c.id,
        version: c.version,
        stepId: c.steps.find((x) => x.kind === kind)!.id,
      });
    return c;
  }

  beforeAll(async () => {
    sim = await startTestSimulator({ users: opts.users ?? 80, seed: opts.seed ?? 31, reportLagMinutes: 0 });
    db = await createTestDatabase();
    s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
    hqOffice = sim.tenant.users.find(
      (x) => x.deletedAt === null && x.accountEnabled && x.userType === "Member" && x.officeLocation,
    )!.officeLocation!;
    await db.prisma.site.create({
      data: { id: "site-hq", code: "HQ", name: "Head office", officeLocation: hqOffice },
    });
    await db.prisma.site.create({
      data: { id: "site-far", code: "FAR", name: "Far away", officeLocation: "Nowhere in this tenant" },
    });
    await seedModels(db.prisma);
    if ((await s.sync.run()).skipped) throw new Error("sync skipped");
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await sim?.stop();
  });

  return {
    get: () => ({ sim, db, s }),
    api,
    nextSecond,
    freshUser,
    stockKey,
    withRegisteredKey,
    verifyInPerson,
    runSteps,
  };
}
