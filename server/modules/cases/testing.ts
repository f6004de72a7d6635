// Test helpers for the helpdesk workflow: an in-memory Entra (only what cases and TAPs call) whose
// calls can fail the way Graph does, and a seeded user with keys.
import { GraphError } from "@/server/graph/errors";
import type {
  CreatedTemporaryAccessPass,
  CreateTapInput,
  Fido2Method,
  GraphPort,
  TapPolicy,
  TemporaryAccessPass,
} from "@/server/graph/port";
import type { RequestContext } from "@/server/auth/actor";
import type { Services } from "@/server/container";
import type { PrismaClient } from "@/server/db/client";

/**
 * 429/503: refused, nothing happened in Entra. timeout: it happened, but the answer was lost.
 * crash: it happened and was answered, then the server died before recording it (onCrash arms that).
 */
export type Fault = "429" | "503" | "timeout" | "crash";
export type FaultyOp =
  | "deleteFido2Method"
  | "revokeSignInSessions"
  | "createTemporaryAccessPass"
  | "getFido2Method"
  | "listTemporaryAccessPasses";

const thrown = (f: Fault, op: string): Error => {
  if (f === "429")
    return new GraphError({
      kind: "throttled",
      message: "Too many requests (Retry-After 10 s)",
      status: 429,
      retryAfterSeconds: 10,
      operation: op,
    });
  if (f === "503")
    return new GraphError({ kind: "upstream", message: "Service unavailable", status: 503, operation: op });
  return new GraphError({ kind: "timeout", message: "Graph did not answer within 30 s", operation: op });
};
/** A timeout may come after Entra did the work (and a crash always does); 429/503 happen before. */
const isAfterEffect = (f: Fault) => f === "timeout" || f === "crash";

export function makeFakeEntra(opts: { onCrash?: () => void } = {}) {
  const methods = new Map<string, Fido2Method[]>();
  const taps = new Map<string, CreatedTemporaryAccessPass>();
  const faults: { op: FaultyOp; fault: Fault }[] = [];
  const log = {
    deletesApplied: [] as string[],
    deletesOfGone: [] as string[],
    tapsCreated: [] as string[],
    passes: [] as string[],
    tapsDeleted: [] as string[],
    sessionsRevoked: [] as string[],
  };
  let policy: TapPolicy = {
    id: "TemporaryAccessPass",
    state: "enabled",
    defaultLifetimeInMinutes: 60,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLength: 12,
    isUsableOnce: false,
    includeTargets: [{ id: "all_users" }],
    excludeTargets: [],
  };
  let seq = 0;

  async function guarded<T>(op: FaultyOp, effect: () => T): Promise<T> {
    const i = faults.findIndex((f) => f.op === op);
    const f = i >= 0 ? faults.splice(i, 1)[0]!.fault : null;
    if (f && !isAfterEffect(f)) throw thrown(f, op);
    const out = effect();
    if (f === "crash") opts.onCrash?.();
    else if (f) throw thrown(f, op);
    return out;
  }
  const notFound = (what: string) =>
    new GraphError({ kind: "not_found", message: `${what} was not found`, status: 404 });

  const graph = {
    async getFido2Method(userId: string, methodId: string) {
      return guarded("getFido2Method", () => {
        const m = methods.get(userId)?.find((x) => x.id === methodId);
        if (!m) throw notFound(methodId);
        return m;
      });
    },
    async listFido2Methods(userId: string) {
      return methods.get(userId) ?? [];
    },
    async deleteFido2Method(userId: string, methodId: string) {
      return guarded("deleteFido2Method", () => {
        const list = methods.get(userId) ?? [];
        if (!list.some((m) => m.id === methodId)) {
          log.deletesOfGone.push(methodId);
          throw notFound(methodId);
        }
        methods.set(
          userId,
          list.filter((m) => m.id !== methodId),
        );
        log.deletesApplied.push(methodId);
      });
    },
    async revokeSignInSessions(userId: string) {
      return guarded("revokeSignInSessions", () => {
        log.sessionsRevoked.push(userId);
        return true;
      });
    },
    async getTapPolicy() {
      return policy;
    },
    // What the preflight reads: every user is an enabled member in no group (so an all-users policy applies).
    async getUser(id: string) {
      return { id, userPrincipalName: id, displayName: id, userType: "Member", accountEnabled: true };
    },
    async getMemberGroupIds(_userId: string): Promise<string[]> {
      return [];
    },
    async getGroup(id: string) {
      return { id, displayName: id };
    },
    async listTemporaryAccessPasses(userId: string): Promise<TemporaryAccessPass[]> {
      return guarded("listTemporaryAccessPasses", () => {
        const t = taps.get(userId);
        if (!t) return [];
        const { temporaryAccessPass: _hidden, ...rest } = t;
        return [rest];
      });
    },
    async createTemporaryAccessPass(userId: string, input: CreateTapInput) {
      return guarded("createTemporaryAccessPass", () => {
        if (
          input.lifetimeInMinutes !== undefined &&
          (input.lifetimeInMinutes < policy.minimumLifetimeInMinutes ||
            input.lifetimeInMinutes > policy.maximumLifetimeInMinutes)
        ) {
          throw new GraphError({
            kind: "bad_request",
            message: `Invalid LifetimeInMinutes specified. The valid range between ${policy.minimumLifetimeInMinutes} and ${policy.maximumLifetimeInMinutes}.`,
            status: 400,
          });
        }
        const pass = `Tp${(++seq).toString().padStart(4, "0")}!x${Math.random().toString(36).slice(2, 10)}`;
        const created: CreatedTemporaryAccessPass = {
          id: `tap-${seq}`,
          temporaryAccessPass: pass,
          createdDateTime: new Date().toISOString(),
          startDateTime: input.startDateTime ?? new Date().toISOString(),
          lifetimeInMinutes: input.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes,
          isUsableOnce: input.isUsableOnce ?? policy.isUsableOnce,
          isUsable: true,
          methodUsabilityReason: "EnabledByPolicy",
        };
        taps.set(userId, created); // one pass per user: a new one replaces the old
        log.tapsCreated.push(created.id);
        log.passes.push(pass);
        return created;
      });
    },
    async deleteTemporaryAccessPass(userId: string, id: string) {
      const t = taps.get(userId);
      if (!t || t.id !== id) throw notFound(id);
      taps.delete(userId);
      log.tapsDeleted.push(id);
    },
    /** A budgeted or priority view of the same tenant (the container gives case steps the priority lane). */
    withBudget: () => graph,
  };

  return {
    graph: graph as unknown as GraphPort,
    log,
    taps,
    addMethod: (userId: string, m: Fido2Method) => methods.set(userId, [...(methods.get(userId) ?? []), m]),
    hasMethod: (userId: string, id: string) => (methods.get(userId) ?? []).some((m) => m.id === id),
    failNext: (op: FaultyOp, fault: Fault) => faults.push({ op, fault }),
    pendingFaults: () => faults.length,
    setPolicy: (p: Partial<TapPolicy>) => (policy = { ...policy, ...p }),
  };
}

export type FakeEntra = ReturnType<typeof makeFakeEntra>;

let n = 0;
/** A user at site HQ with `keys` active keys (each with a live credential) and `stock` keys on the shelf. */
export async function seedUser(
  prisma: PrismaClient,
  entra: FakeEntra | null,
  opts: { isPrivileged?: boolean; keys?: number; stock?: number; lastUsedAt?: Date } = {},
) {
  const i = ++n;
  const tag = `${i}-${Math.random().toString(36).slice(2, 6)}`;
  await prisma.site.upsert({
    where: { id: "site-hq" },
    create: { id: "site-hq", code: "HQ", name: "Head office" },
    update: {},
  });
  const model = await prisma.keyModel.upsert({
    where: { id: "model-yk5" },
    create: { id: "model-yk5", vendor: "Yubico", productName: "YubiKey 5C NFC", formFactor: "usb_c_nfc" },
    update: {},
    select: { id: true },
  });
  const userId = `user-${tag}`;
  await prisma.directoryUser.create({
    data: {
      id: userId,
      userPrincipalName: `u${tag}@contoso.example`,
      displayName: `User ${tag}`,
      siteId: "site-hq",
      isPrivileged: opts.isPrivileged ?? false,
      phoneOnRecord: "+44 20 7946 0000",
    },
  });
  const keyIds: string[] = [];
  for (let k = 0; k < (opts.keys ?? 1); k++) {
    const keyId = `key-${tag}-${k}`;
    await prisma.securityKey.create({
      data: {
        id: keyId,
        serial: `SN${tag}-${k}`.toUpperCase(),
        vendor: "Yubico",
        modelId: model.id,
        siteId: "site-hq",
        status: "active",
        custodianId: userId,
      },
    });
    await prisma.keyAssignment.create({
      data: { keyId, userId, kind: k === 0 ? "primary" : "backup", assignedById: "seed" },
    });
    await prisma.entraCredential.create({
      data: {
        id: `cred-${tag}-${k}`,
        methodId: `m-${tag}-${k}`,
        userId,
        aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
        keyId,
        displayName: `YubiKey ${k}`,
        lastUsedAt: opts.lastUsedAt ?? null,
      },
    });
    entra?.addMethod(userId, { id: `m-${tag}-${k}`, displayName: `YubiKey ${k}` });
    keyIds.push(keyId);
  }
  for (let k = 0; k < (opts.stock ?? 1); k++) {
    await prisma.securityKey.create({
      data: {
        id: `stock-${tag}-${k}`,
        serial: `ST${tag}-${k}`.toUpperCase(),
        vendor: "Yubico",
        modelId: model.id,
        siteId: "site-hq",
        status: "in_stock",
      },
    });
  }
  return {
    userId,
    keyIds,
    credIds: keyIds.map((_, k) => `cred-${tag}-${k}`),
    methodIds: keyIds.map((_, k) => `m-${tag}-${k}`),
  };
}

type HelpdeskServices = Pick<Services, "cases">;
/** Works a case (verifying in person if needed) until `stopAt` is the next step; returns the case then. */
export async function workCaseUntil(
  s: HelpdeskServices,
  ctx: RequestContext,
  caseId: string,
  stopAt: string,
) {
  for (let i = 0; i < 12; i++) {
    const c = await s.cases.get(caseId);
    const step = c.steps.find((x) => x.isNext);
    if (!step || step.kind === stopAt) return c;
    if (step.kind === "verify_identity")
      await s.cases.verify(ctx, {
        caseId,
        version: c.version,
        method: "in_person",
        reference: "Desk 1, badge checked",
      });
    else await s.cases.runStep(ctx, { caseId, version: c.version, stepId: step.id });
  }
  throw new Error(`case never reached ${stopAt}`);
}
