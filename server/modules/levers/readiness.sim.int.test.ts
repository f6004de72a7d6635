import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { caPolicy, setConditionalAccess } from "@/server/graph/simulator/conditional-access";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { FIPS, lead, YK5 } from "./testing";

// Enforcement readiness against the simulated tenant's Conditional Access: a policy on a group with a
// nested group and an excluded group, a report-only policy, a custom strength that accepts one key model
// only, and an "all users: MFA" policy that is not phishing-resistant. Every member's expected list is
// set out by hand below from what the test gave them.

const PR = "00000000-0000-0000-0000-000000000004";
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;
let waveId: string;
const u: Record<string, string> = {}; // role in the test → user id

beforeAll(async () => {
  sim = await startTestSimulator({ users: 200, seed: 31, reportLagMinutes: 0 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  api = callerOf({ actor: lead, requestId: "req-readiness", services });
  // Eight enabled members with no credential at all, so each one's keys are exactly what the test gives.
  const free = sim.tenant.users.filter(
    (x) =>
      x.userType === "Member" &&
      x.accountEnabled &&
      x.deletedAt === null &&
      sim.control.credentialsOf(x.id).length === 0,
  );
  const names = ["ready", "excluded", "noKey", "nested", "reportNoKey", "reportKey", "wrongModel", "fips"];
  names.forEach((n, i) => (u[n] = free[i]!.id));
  const { id: nestedGroup } = sim.control.createGroup({
    displayName: "Pilot - nested",
    userIds: [u.nested!],
  });
  const { id: pilot } = sim.control.createGroup({
    displayName: "Pilot",
    userIds: [u.ready!, u.excluded!, u.noKey!],
    groupIds: [nestedGroup],
  });
  const { id: breakGlass } = sim.control.createGroup({ displayName: "Break glass", userIds: [u.excluded!] });
  const { id: later } = sim.control.createGroup({
    displayName: "Later",
    userIds: [u.reportNoKey!, u.reportKey!],
  });
  const { id: admins } = sim.control.createGroup({
    displayName: "Admins",
    userIds: [u.wrongModel!, u.fips!],
  });
  for (const n of ["ready", "excluded", "nested", "reportKey", "wrongModel"])
    sim.control.registerCredential(u[n]!, { aaGuid: YK5 });
  sim.control.registerCredential(u.fips!, { aaGuid: FIPS });
  setConditionalAccess(sim.tenant, {
    customStrengths: [
      {
        id: "custom-fips",
        displayName: "FIPS keys only",
        policyType: "custom",
        allowedCombinations: ["fido2"],
        combinationConfigurations: [
          {
            "@odata.type": "#microsoft.graph.fido2CombinationConfiguration",
            id: "cfg-1",
            appliesToCombinations: ["fido2"],
            allowedAAGUIDs: [FIPS.toUpperCase()],
          },
        ],
      },
    ],
    policies: [
      caPolicy({
        id: "p-pilot",
        displayName: "Pilot: PR",
        state: "enabled",
        includeGroups: [pilot],
        excludeGroups: [breakGlass],
        strengthId: PR,
      }),
      caPolicy({
        id: "p-later",
        displayName: "Later: PR (report-only)",
        state: "enabledForReportingButNotEnforced",
        includeGroups: [later],
        strengthId: PR,
      }),
      {
        ...caPolicy({
          id: "p-admins",
          displayName: "Admins: FIPS",
          state: "enabled",
          includeGroups: [admins],
        }),
        grantControls: { operator: "OR", builtInControls: [], authenticationStrength: { id: "custom-fips" } },
      },
      caPolicy({
        id: "p-off",
        displayName: "Switched off",
        state: "disabled",
        includeUsers: ["All"],
        strengthId: PR,
      }),
      caPolicy({
        id: "p-mfa",
        displayName: "Everyone: MFA",
        state: "enabled",
        includeUsers: ["All"],
        builtInControls: ["mfa"],
      }),
    ],
  });
  const first = await services.sync.run();
  if (first.skipped || first.status !== "succeeded") throw new Error(`sync failed: ${JSON.stringify(first)}`);
  const saved = await api.rollout.createWave({
    name: "Levers wave",
    source: {
      kind: "groups",
      groups: [
        { id: pilot, name: "Pilot" },
        { id: later, name: "Later" },
        { id: admins, name: "Admins" },
      ],
    },
    startDate: new Date(Date.now() - 86_400_000),
    registrationDeadline: new Date(Date.now() + 10 * 86_400_000),
    enforcementDate: new Date(Date.now() + 20 * 86_400_000),
    targetPercent: 90,
    requiresBackupKey: false,
  });
  waveId = saved.id;
  expect(saved.members).toBe(8);
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

const statusOf = async () => {
  const r = await api.levers.readinessWave({ waveId, page: 1, pageSize: 50 });
  return Object.fromEntries(
    Object.entries(u).map(([n, id]) => [n, r.members.find((m) => m.userId === id)?.status ?? "missing"]),
  );
};

describe("enforcement readiness (simulated tenant)", () => {
  it("puts each member in the list their policies and keys call for", async () => {
    expect(await statusOf()).toEqual({
      ready: "covered_ready",
      excluded: "ready_not_covered", // excluded by group: holds a key, no policy makes them use it
      noKey: "covered_not_ready", // would be blocked today
      nested: "covered_ready", // in Pilot through the nested group
      reportNoKey: "not_ready_not_covered", // report-only does not enforce
      reportKey: "ready_not_covered",
      wrongModel: "covered_not_ready", // the custom strength accepts FIPS keys only
      fips: "covered_ready",
    });
  });

  it("counts the lists, names the policies that apply and ignores the disabled and non-phishing-resistant ones", async () => {
    const { waves, policies } = await api.levers.readiness();
    const w = waves.find((x) => x.waveId === waveId)!;
    expect(w).toMatchObject({
      members: 8,
      coveredReady: 3,
      coveredNotReady: 2,
      readyNotCovered: 2,
      notReadyNotCovered: 1,
      reportOnly: 2,
      notReady: 3,
      daysToEnforcement: 20,
    });
    expect(w.policies.map((p) => [p.name, p.state, p.members]).sort()).toEqual([
      ["Admins: FIPS", "enabled", 2],
      ["Later: PR (report-only)", "report_only", 2],
      ["Pilot: PR", "enabled", 3],
    ]);
    expect(policies.find((p) => p.id === "p-mfa")).toMatchObject({ requiresPhishingResistant: false });
    expect(policies.find((p) => p.id === "p-admins")).toMatchObject({
      requiresPhishingResistant: true,
      restrictsModels: true,
    });
  });

  it("lists who would be locked out at enforcement, a page at a time, and changes nothing", async () => {
    const auditsBefore = await db.prisma.auditEvent.count();
    const r = await api.levers.readinessWave({ waveId, status: "would_lock_out", page: 1, pageSize: 10 });
    expect(r.total).toBe(3);
    expect(r.members.map((m) => m.userId).sort()).toEqual([u.noKey, u.reportNoKey, u.wrongModel].sort());
    expect(await db.prisma.auditEvent.count()).toBe(auditsBefore);
  });

  it("says which permission to grant when Entra refuses the policies, without Graph's words", async () => {
    sim.control.revokePermissions(["Policy.Read.All"]);
    try {
      const err = await api.levers.readiness().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("PRECONDITION_FAILED");
      expect((err as TRPCError).message).toContain("grant Policy.Read.All");
      expect((err as TRPCError).message).not.toContain("Insufficient privileges");
    } finally {
      sim.control.resetPermissions();
    }
  });
});
