import type { UnitOfWork } from "@/server/db/uow";
import { DEFAULT_STALE_DAYS } from "@/server/modules/rollout/rollout.constants";
import type { StateParams } from "@/server/modules/rollout/user-state.repository";
import type { DashboardRepository } from "./dashboards.repository";
import { keyStatuses } from "@/server/modules/inventory/key-statuses.constants";
import {
  type DashboardSummary,
  type KeyListInput,
  type KeyRow,
  type UserListInput,
  type UserRow,
} from "./dashboards.schemas";

export interface DashboardDeps {
  uow: UnitOfWork;
  repo: DashboardRepository;
  /** Today, the stale period and the FIDO2 policy's AAGUID rule, for the rollout drill-down filters. */
  stateParams: (staleDays: number) => Promise<StateParams>;
}

export function makeDashboardService({ uow, repo, stateParams }: DashboardDeps) {
  return {
    async summary(): Promise<DashboardSummary> {
      const [counts, users, openCases, openPurchaseOrders, unitsOnOrder, waves, lastSync] = await Promise.all(
        [
          repo.keyCountsByStatus(uow.db),
          repo.userCounts(uow.db),
          repo.openCases(uow.db),
          repo.openPurchaseOrders(uow.db),
          repo.unitsOnOrder(uow.db),
          repo.waves(uow.db),
          repo.lastSync(uow.db),
        ],
      );
      const byStatus = Object.fromEntries(
        keyStatuses.map((s) => [s, counts[s] ?? 0]),
      ) as DashboardSummary["keys"]["byStatus"];
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      return {
        keys: { total, byStatus },
        users,
        openCases,
        openPurchaseOrders,
        unitsOnOrder,
        waves,
        lastSync: lastSync ?? null,
      };
    },

    async listKeys(input: KeyListInput): Promise<{ items: KeyRow[]; total: number }> {
      const { rows, total } = await repo.listKeys(uow.db, input);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          serial: r.serial,
          model: `${r.model.vendor} ${r.model.productName}`,
          site: r.site.code,
          status: r.status,
          custodian: r.custodian?.displayName ?? null,
          statusChangedAt: r.statusChangedAt,
        })),
      };
    },

    async listUsers(input: UserListInput): Promise<{ items: UserRow[]; total: number }> {
      const { rows, total } = await repo.listUsers(
        uow.db,
        input,
        await stateParams(input.staleDays ?? DEFAULT_STALE_DAYS),
      );
      return { total, items: rows.map(({ officeLocation, ...r }) => ({ ...r, site: officeLocation })) };
    },
  };
}

export type DashboardService = ReturnType<typeof makeDashboardService>;
