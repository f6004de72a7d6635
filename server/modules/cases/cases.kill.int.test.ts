import { afterAll, describe, expect, it } from "vitest";
import {
  childDatabase,
  killAllCli,
  simulatorEnv,
  spawnEntry,
  whileRunning,
  type ChildDatabase,
  type CliProcess,
} from "@/server/cli/testing";
import { buildServices } from "@/server/container";
import type { DestructiveCall } from "@/server/graph/simulator/context";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, freshMember, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { hana, YK5 } from "./test-actors";

// A crash, not a Graph error: the process working a stolen-key case is SIGKILLed while Entra is carrying
// out its request — first a credential DELETE, later the TAP creation — so Entra does the work and the
// process never records it. Each restart resumes the case: the deletion is confirmed with a GET (no
// second DELETE), the pass nobody saw is found, revoked and replaced (never silently a second one), and
// the case ends waiting for the new key with every step done once. PGlite on disk, or PostgreSQL.

const YK5C = "cb69481e-8ff7-4039-93ec-0a2729a154a8";
const STEP_LEASE_MS = 3_000;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await killAllCli();
  for (const c of cleanups.splice(0).reverse()) await c();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A member with two matched hardware keys (different models, so matching is unambiguous), a spare at their site, a verified stolen-key case. */
async function prepare(target: ChildDatabase, sim: RunningSimulator) {
  return target.use(async (db) => {
    const s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
    const api = createCallerFactory(appRouter)({ actor: hana, requestId: "req-kill-prepare", services: s });
    const u = freshMember(sim, new Set(), (x) => !!x.officeLocation);
    await db.prisma.site.create({
      data: { id: "site-hq", code: "HQ", name: "Head office", officeLocation: u.officeLocation },
    });
    const models = await seedModels(db.prisma);
    const key = (i: number, aaguid: string) => ({
      id: `stock-${i}`,
      serial: `YK-K${i}`,
      vendor: "Yubico",
      modelId: models.get(aaguid)!,
      siteId: "site-hq",
      status: "in_stock" as const,
    });
    await db.prisma.securityKey.createMany({ data: [key(0, YK5), key(1, YK5C), key(2, YK5)] });
    if ((await s.sync.run()).skipped) throw new Error("sync skipped");
    await db.prisma.directoryUser.update({ where: { id: u.id }, data: { isPrivileged: false } });
    await api.assignment.assign({
      userId: u.id,
      keys: [
        { keyId: "stock-0", kind: "primary" },
        { keyId: "stock-1", kind: "backup" },
      ],
      handover: { method: "in_person" },
    });
    await sleep(1_100); // credentials must be newer than the assignment to be matched to it
    const creds = [
      sim.control.registerCredential(u.id, { aaGuid: YK5, serial: "YK-K0" }).credentialId,
      sim.control.registerCredential(u.id, { aaGuid: YK5C, serial: "YK-K1" }).credentialId,
    ];
    await s.sync.run();
    expect(
      await db.prisma.entraCredential.count({ where: { methodId: { in: creds }, keyId: { not: null } } }),
    ).toBe(2);
    const { id } = await api.cases.open({
      userId: u.id,
      kind: "stolen",
      keyIds: ["stock-0", "stock-1"],
      ticketRef: "INC-9001",
    });
    const c = await api.cases.get({ id });
    await api.cases.verify({
      caseId: id,
      version: c.version,
      method: "in_person",
      reference: "Desk 3, staff badge checked",
    });
    return { caseId: id, user: u, creds };
  });
}

describe("a case worked by a process that is killed mid-step (integration, real child process, simulated tenant)", () => {
  it("SIGKILL during a credential DELETE and during TAP creation: each restart resumes; one DELETE per credential, the unseen pass revoked and replaced, every step done once", async () => {
    const sim = await startTestSimulator({ users: 60, seed: 31, reportLagMinutes: 0 });
    cleanups.push(() => sim.stop());
    const target = await childDatabase();
    cleanups.push(() => target.close());
    const { caseId, user, creds } = await prepare(target, sim);
    const env = { ...target.env, ...simulatorEnv(sim) };
    const harness = () =>
      spawnEntry(
        "server/modules/cases/kill-harness.ts",
        ["--case", caseId, "--step-lease-ms", String(STEP_LEASE_MS)],
        env,
      );
    const calls = (kind: DestructiveCall["kind"]) =>
      sim.control.destructiveCalls().filter((c) => c.kind === kind && c.userId === user.id && c.status < 300);
    const outputs: string[] = [];
    /** Entra answers `kind` only after 3 s (doing the work then, whoever is still listening); the process is killed once its request has arrived. */
    async function killDuring(
      p: CliProcess,
      step: string,
      rule: { method: string; pathIncludes: string },
      kind: DestructiveCall["kind"],
    ) {
      const before = calls(kind).length;
      sim.control.setFaults({ rules: [{ ...rule, status: 0, delayMs: 3_000, times: 1 }] });
      await whileRunning(
        p,
        () => p.output().includes(`step ${step}`) && sim.control.faults().rules[0]?.times === 0,
        `the ${step} request to reach Entra`,
      );
      const killed = await p.kill();
      expect(killed.signal).toBe("SIGKILL");
      outputs.push(killed.stdout, killed.stderr);
      for (let i = 0; i < 50 && calls(kind).length === before; i++) await sleep(100);
      expect(calls(kind)).toHaveLength(before + 1); // Entra did it; the process never heard
    }

    // 1. Killed while Entra deletes the first credential.
    await killDuring(
      harness(),
      "revoke_credential",
      { method: "DELETE", pathIncludes: "fido2Methods" },
      "deleteFido2Method",
    );
    const mid = await target.use(async ({ prisma }) => ({
      step: await prisma.caseStep.findFirstOrThrow({
        where: { caseId, kind: "revoke_credential", status: { not: "pending" } },
        select: { status: true, attempts: true },
      }),
      removed: await prisma.entraCredential.count({
        where: { methodId: { in: creds }, removedAt: { not: null } },
      }),
    }));
    expect(mid).toEqual({ step: { status: "running", attempts: 1 }, removed: 0 });

    // 2. Restarted: resumes after the step lease, goes on, and is killed while Entra creates the pass.
    await killDuring(
      harness(),
      "issue_tap",
      { method: "POST", pathIncludes: "temporaryAccessPassMethods" },
      "createTemporaryAccessPass",
    );
    const orphan = sim.tenant.taps.get(user.idx)!;
    // (It may first be told the step is still in progress, if it starts before the dead run's lease lapses.)
    expect(outputs.join("")).toMatch(
      /step revoke_credential \(running, attempt 2\)\ndone revoke_credential\n[\s\S]*done revoke_credential\n[\s\S]*done revoke_sessions/,
    );

    // 3. Restarted again: finds a pass it never showed, revokes it, issues the one the agent sees.
    const last = await harness().exited;
    outputs.push(last.stdout, last.stderr);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(
      /refused issue_tap: An earlier attempt created a pass[\s\S]*done issue_tap[\s\S]*finished waiting_registration/,
    );
    const shown = sim.tenant.taps.get(user.idx)!;
    expect(shown.id).not.toBe(orphan.id);

    // Entra: one DELETE per credential, sessions revoked once, two passes created, the unseen one deleted.
    expect(
      calls("deleteFido2Method")
        .map((c) => c.methodId)
        .sort(),
    ).toEqual([...creds].sort());
    expect(calls("revokeSignInSessions")).toHaveLength(1);
    expect(calls("createTemporaryAccessPass")).toHaveLength(2);
    expect(calls("deleteTemporaryAccessPass").map((c) => c.methodId)).toEqual([orphan.id]);

    const end = await target.use(async ({ prisma }) => ({
      steps: await prisma.caseStep.findMany({
        where: { caseId },
        select: { kind: true, status: true, attempts: true },
        orderBy: { createdAt: "asc" },
      }),
      issuances: await prisma.tapIssuance.findMany({
        where: { userId: user.id },
        select: { graphMethodId: true },
      }),
      keys: await prisma.securityKey.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
      actions: (
        await prisma.auditEvent.findMany({ where: { subjectId: caseId }, select: { action: true } })
      ).map((a) => a.action),
      everything: JSON.stringify(
        [
          await prisma.caseStep.findMany({ where: { caseId } }),
          await prisma.auditEvent.findMany(),
          await prisma.tapIssuance.findMany(),
        ],
        (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v),
      ),
    }));
    const done = (kind: string) => end.steps.filter((s) => s.kind === kind);
    expect(
      done("revoke_credential")
        .map((s) => [s.status, s.attempts])
        .sort(),
    ).toEqual([
      ["done", 1],
      ["done", 2],
    ]);
    expect(done("issue_tap")).toEqual([{ kind: "issue_tap", status: "done", attempts: 2 }]);
    for (const [kind, n] of [
      ["revoke_sessions", 1],
      ["mark_key", 2],
      ["reserve_replacement", 1],
    ] as const)
      expect(done(kind)).toEqual(Array(n).fill({ kind, status: "done", attempts: 1 }));
    expect(end.issuances).toEqual([{ graphMethodId: shown.id }]); // the pass nobody saw was never recorded as issued
    expect(end.keys).toEqual([
      { id: "stock-0", status: "stolen" },
      { id: "stock-1", status: "stolen" },
      { id: "stock-2", status: "reserved" },
    ]);
    expect(end.actions.filter((a) => a === "cases.revoke_credential")).toHaveLength(2);
    expect(end.actions.filter((a) => a === "tap.issue")).toHaveLength(1);
    expect(end.actions.filter((a) => a === "tap.issue.unknown_outcome")).toHaveLength(1);
    // Neither pass is anywhere: not in the processes' output, the steps, the audit trail or the issuances.
    for (const pass of [orphan.value, shown.value]) {
      expect(outputs.join("\n")).not.toContain(pass);
      expect(end.everything).not.toContain(pass);
    }
    expect(await target.use((db) => buildServices({ prisma: db.prisma }).audit.verify())).toMatchObject({
      ok: true,
    });
  }, 180_000);
});
