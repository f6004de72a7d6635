import type { ZodType } from "zod";
import { fillDemo } from "@/prisma/seed/demo-sync";
import type { Actor } from "@/server/auth/actor";
import type { Permission, Role } from "@/server/auth/permissions";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory, type TrpcContext } from "./init";
import { appRouter } from "./root";

// Test helpers that walk EVERY procedure of the root router, so tests built on them (the RBAC matrix,
// the hostile-input fuzz) cover procedures added later without being edited.

export interface ProcedureEntry {
  /** Dotted path, e.g. "inventory.list". */
  path: string;
  permission: Permission | undefined;
  type: string;
  /** The zod schemas given to `.input()`, in order (tRPC merges them); empty when it takes none. */
  inputs: ZodType[];
  /** The schema given to `.output()`, if any. */
  output: ZodType | undefined;
}

type RawProcedure = {
  _def: { meta?: { permission?: Permission }; type: string; inputs?: unknown[]; output?: unknown };
};

export function listProcedures(router: { _def: unknown } = appRouter): ProcedureEntry[] {
  const procedures = (router._def as { procedures: Record<string, RawProcedure> }).procedures;
  return Object.entries(procedures).map(([path, proc]) => ({
    path,
    permission: proc._def.meta?.permission,
    type: proc._def.type,
    inputs: (proc._def.inputs ?? []) as ZodType[],
    output: proc._def.output as ZodType | undefined,
  }));
}

export function actorWith(role: Role | null): Actor | null {
  return role ? { id: `test-${role}`, name: `Test ${role}`, email: null, roles: [role] } : null;
}

/** Calls `path` as `role` (null = anonymous) with `input`; resolves to the result or the error thrown. */
export async function callProcedure(
  services: TrpcContext["services"],
  path: string,
  role: Role | null,
  input: unknown,
  requestId = "procedure-walk-test",
): Promise<unknown> {
  const caller = createCallerFactory(appRouter)({ actor: actorWith(role), requestId, services });
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    return await (fn as (input?: unknown) => Promise<unknown>)(input);
  } catch (error) {
    return error;
  }
}

export interface DemoWorld {
  db: TestDatabase;
  services: Services;
  /** A few real ids of each kind of record, for inputs that should reach rows that exist. */
  knownIds: string[];
  close(): Promise<void>;
}

/** A database filled the way demo mode fills it, from a small simulated tenant that stays up. */
export async function startDemoWorld(options: { users?: number; seed?: number } = {}): Promise<DemoWorld> {
  const sim = await startTestSimulator({ users: options.users ?? 40, seed: options.seed ?? 11 });
  const db = await createTestDatabase();
  const { graph } = fastAdapter(sim);
  const services = buildServices({ prisma: db.prisma, graph });
  await fillDemo(db.prisma, { services, graph, control: sim.control });
  const p = db.prisma;
  const take = { select: { id: true }, take: 3 } as const;
  const ids = await Promise.all([
    p.site.findMany(take),
    p.keyModel.findMany(take),
    p.purchaseOrder.findMany(take),
    p.purchaseOrderLine.findMany(take),
    p.securityKey.findMany(take),
    p.directoryUser.findMany(take),
    p.entraCredential.findMany(take),
    p.matchReview.findMany(take),
    p.rolloutWave.findMany(take),
    p.case.findMany(take),
    p.keyAssignment.findMany(take),
  ]);
  return {
    db,
    services,
    knownIds: ids.flat().map((r) => r.id),
    close: async () => {
      await db.close();
      await sim.stop();
    },
  };
}
