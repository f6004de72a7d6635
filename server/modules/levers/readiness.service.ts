import { isGraphConfigured } from "@/server/graph/unconfigured";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { graphRefusal, noTenant } from "./graph-refusal";
import type { GraphPort } from "@/server/graph/port";
import { wavePhase } from "@/server/modules/rollout/waves";
import type { LeversRepository, WaveMemberRow } from "./levers.repository";
import {
  groupsNamed,
  memberReadiness,
  viewPolicies,
  type PolicyView,
  type ReadinessStatus,
} from "./readiness";

// Enforcement readiness per wave (docs/SECURITY-LEAD.md): the tenant's Conditional Access policies and
// authentication strengths, read live (Policy.Read.All), against each member's keys in the mirror. Read
// only: KeyFleet recommends, Entra enforces.

const GRAPH_BUDGET = 200;
const DAY = 86_400_000;

export interface ReadinessDeps {
  uow: UnitOfWork;
  repo: LeversRepository;
  graph: GraphPort;
  clock: () => Date;
}

const refusal = (e: unknown, what: string) => graphRefusal(e, what, "Policy.Read.All");

export function makeReadinessService({ uow, repo, graph, clock }: ReadinessDeps) {
  /** The policies, strengths and transitive members of every group a live policy names. */
  async function tenantPolicies() {
    if (!isGraphConfigured(graph)) throw noTenant("Conditional Access");
    const g = graph.withBudget(GRAPH_BUDGET);
    let views: PolicyView[];
    try {
      const [policies, strengths] = await Promise.all([
        g.listConditionalAccessPolicies(),
        g.listAuthenticationStrengths(),
      ]);
      views = viewPolicies(policies, strengths);
    } catch (e) {
      throw refusal(e, "the Conditional Access policies");
    }
    const members = new Map<string, Set<string>>();
    try {
      for (const groupId of groupsNamed(views)) {
        const ids = new Set<string>();
        for await (const page of g.listGroupMembers(groupId, { transitive: true, top: 999 }))
          for (const o of page) if (o.odataType === "#microsoft.graph.user") ids.add(o.id);
        members.set(groupId, ids);
      }
    } catch (e) {
      throw refusal(e, "the members of the policies' groups");
    }
    const empty = new Set<string>();
    return { views, membersOf: (id: string) => members.get(id) ?? empty };
  }

  function judge(
    t: Awaited<ReturnType<typeof tenantPolicies>>,
    rows: WaveMemberRow[],
  ): (WaveMemberRow & ReturnType<typeof memberReadiness>)[] {
    return rows.map((m) => ({ ...m, ...memberReadiness(t.views, m, t.membersOf) }));
  }

  const count = (rows: { status: ReadinessStatus }[], s: ReadinessStatus) =>
    rows.filter((r) => r.status === s).length;

  function summary(
    w: Awaited<ReturnType<LeversRepository["waves"]>>[number],
    judged: ReturnType<typeof judge>,
    t: Awaited<ReturnType<typeof tenantPolicies>>,
  ) {
    const now = clock();
    const policyIds = new Set(judged.flatMap((m) => m.policyIds));
    return {
      waveId: w.id,
      name: w.name,
      phase: wavePhase(w, now),
      registrationDeadline: w.registrationDeadline,
      enforcementDate: w.enforcementDate,
      daysToEnforcement: w.enforcementDate
        ? Math.ceil((w.enforcementDate.getTime() - now.getTime()) / DAY)
        : null,
      members: judged.length,
      coveredReady: count(judged, "covered_ready"),
      coveredNotReady: count(judged, "covered_not_ready"),
      readyNotCovered: count(judged, "ready_not_covered"),
      notReadyNotCovered: count(judged, "not_ready_not_covered"),
      reportOnly: judged.filter((m) => m.coverage === "report_only").length,
      notReady: judged.filter((m) => !m.ready).length,
      policies: t.views
        .filter((v) => policyIds.has(v.id))
        .map((v) => ({
          id: v.id,
          name: v.name,
          state: v.state,
          strengthName: v.strengthName,
          restrictsModels: v.allowedAaguids !== null,
          hasRoleScope: v.hasRoleScope,
          members: judged.filter((m) => m.policyIds.includes(v.id)).length,
        })),
    };
  }

  return {
    /** Every wave's three lists, counted. */
    async overview() {
      const t = await tenantPolicies();
      const waves = await repo.waves(uow.db);
      const rows = await repo.members(
        uow.db,
        waves.map((w) => w.id),
      );
      return {
        waves: waves.map((w) =>
          summary(
            w,
            judge(
              t,
              rows.filter((r) => r.waveId === w.id),
            ),
            t,
          ),
        ),
        policies: t.views.map((v) => ({
          id: v.id,
          name: v.name,
          state: v.state,
          strengthName: v.strengthName,
          requiresPhishingResistant: v.requiresPhishingResistant,
          restrictsModels: v.allowedAaguids !== null,
          hasRoleScope: v.hasRoleScope,
        })),
      };
    },

    /** One wave: its counts and its members, filtered by status, a page at a time. */
    async wave(input: {
      waveId: string;
      status?: ReadinessStatus | "would_lock_out";
      page: number;
      pageSize: number;
    }) {
      const w = await repo.wave(uow.db, input.waveId);
      if (!w) throw new AppError("NOT_FOUND", "No such wave. It may have been deleted; pick another.");
      const t = await tenantPolicies();
      const judged = judge(t, await repo.members(uow.db, [w.id]));
      const filtered = judged
        .filter((m) =>
          !input.status ? true : input.status === "would_lock_out" ? !m.ready : m.status === input.status,
        )
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      const names = new Map(t.views.map((v) => [v.id, v.name]));
      return {
        summary: summary(w, judged, t),
        total: filtered.length,
        page: input.page,
        pageSize: input.pageSize,
        members: filtered.slice((input.page - 1) * input.pageSize, input.page * input.pageSize).map((m) => ({
          userId: m.id,
          displayName: m.displayName,
          userPrincipalName: m.userPrincipalName,
          department: m.department,
          status: m.status,
          coverage: m.coverage,
          ready: m.ready,
          models: m.models,
          policies: m.policyIds.map((id) => names.get(id) ?? id),
        })),
      };
    },
  };
}

export type ReadinessService = ReturnType<typeof makeReadinessService>;
