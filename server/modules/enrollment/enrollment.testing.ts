import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { AppError } from "@/server/errors";
import type { GraphPort } from "@/server/graph/port";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";

// The enrollment tests' harness: the simulated tenant and a real database, synced once; fresh people and
// keys in stock per test; the tenant's FIDO2 policy put back before each test. Call at a file's top level.

export const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
export const THALES = "2194b428-9397-4046-8f39-007a1605a482";
export const agent: RequestContext = {
  actor: { id: "agent-1", name: "Ada Agent", email: null, roles: ["helpdesk"] },
  requestId: "req-enroll",
};

export function useEnrollmentSim(opts: { seed: number; serialPrefix: string }) {
  const h = {
    sim: undefined as unknown as RunningSimulator,
    db: undefined as unknown as TestDatabase,
    graph: undefined as unknown as GraphPort,
    services: undefined as unknown as Services,
    /** A key in stock of the model that carries `aaguid`. */
    async stockKey(aaguid = YK5) {
      const model = await h.db.prisma.keyModelAaguid.findFirstOrThrow({
        where: { aaguid },
        select: { modelId: true, model: { select: { vendor: true } } },
      });
      const serial = `${opts.serialPrefix}-${++serialNo}`;
      return h.db.prisma.securityKey.create({
        data: {
          serial,
          vendor: model.model.vendor,
          modelId: model.modelId,
          siteId: "site-hq",
          status: "in_stock",
        },
        select: { id: true, serial: true },
      });
    },
    /** A fresh active member with no credential yet; `where` narrows the choice. */
    person(where: (u: RunningSimulator["tenant"]["users"][number]) => boolean = () => true) {
      const u = h.sim.tenant.users.find(
        (x) =>
          x.deletedAt === null &&
          x.accountEnabled &&
          x.userType === "Member" &&
          !used.has(x.id) &&
          !(h.sim.tenant.credentialsByUser.get(x.idx) ?? []).some((c) => c.removedAt === null) &&
          where(x),
      );
      if (!u) throw new Error("no fresh user left");
      used.add(u.id);
      return u;
    },
    liveCredentials: (userIdx: number) =>
      (h.sim.tenant.credentialsByUser.get(userIdx) ?? []).filter((c) => c.removedAt === null),
    postsSoFar: () => h.sim.control.stats().byRoute.createFido2Method ?? 0,
    optionsSoFar: () => h.sim.control.stats().byRoute.getFido2CreationOptions ?? 0,
    async queueOf(userId: string, handover: "in_person" | "shipped" = "in_person") {
      const q = await h.services.enrollment.createQueue(agent, { source: "single", userId, handover });
      const item = await h.db.prisma.enrollmentItem.findFirstOrThrow({
        where: { batchId: q.batchId },
        select: { id: true },
      });
      return item.id;
    },
    async refusal(p: Promise<unknown>): Promise<AppError> {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    },
    /** The tenant's FIDO2 policy as the seed made it (each test starts from it). */
    fido2Policy0: () => structuredClone(policy0),
    keyState: (id: string) =>
      h.db.prisma.securityKey.findUniqueOrThrow({
        where: { id },
        select: {
          status: true,
          custodianId: true,
          credential: { select: { methodId: true, matchMethod: true } },
        },
      }),
  };
  let serialNo = 0;
  const used = new Set<string>();
  let policy0: RunningSimulator["tenant"]["fido2Policy"];

  beforeAll(async () => {
    h.sim = await startTestSimulator({ users: 60, seed: opts.seed, reportLagMinutes: 0 });
    h.db = await createTestDatabase();
    h.graph = fastAdapter(h.sim).graph;
    h.services = buildServices({ prisma: h.db.prisma, graph: h.graph });
    await h.db.prisma.site.create({
      data: { id: "site-hq", code: "HQ", name: "Austin", officeLocation: "Austin HQ" },
    });
    await seedModels(h.db.prisma);
    const r = await h.services.sync.run();
    if (r.skipped || r.status !== "succeeded") throw new Error("first sync failed");
    policy0 = structuredClone(h.sim.tenant.fido2Policy);
  });
  beforeEach(() => {
    h.sim.control.setFido2Policy(structuredClone(policy0));
  });
  afterAll(async () => {
    await h.db?.close();
    await h.sim?.stop();
  });
  return h;
}
