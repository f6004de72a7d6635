import type { UnitOfWork } from "@/server/db/uow";
import { csvExport, type CsvColumn } from "@/server/modules/inventory/csv";
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
  type userExportInput,
} from "./dashboards.schemas";
import type { z } from "zod";

type UserExportInput = z.infer<typeof userExportInput>;

export interface DashboardDeps {
  uow: UnitOfWork;
  repo: DashboardRepository;
  /** Today, the stale period and the FIDO2 policy's AAGUID rule, for the rollout drill-down filters. */
  stateParams: (staleDays: number) => Promise<StateParams>;
  clock: () => Date;
}

export const USER_EXPORT_LIMIT = 200_000;
const yesNo = (b: boolean) => (b ? "yes" : "no");
const userColumns: CsvColumn<UserRow>[] = [
  { header: "name", value: (r) => r.displayName },
  { header: "upn", value: (r) => r.userPrincipalName },
  { header: "department", value: (r) => r.department },
  { header: "job_title", value: (r) => r.jobTitle },
  { header: "office", value: (r) => r.site },
  { header: "account_enabled", value: (r) => yesNo(r.accountEnabled) },
  { header: "privileged", value: (r) => yesNo(r.isPrivileged) },
  { header: "passwordless_capable", value: (r) => yesNo(r.isPasswordlessCapable) },
  { header: "keys_held", value: (r) => r.keysHeld },
];

export function makeDashboardService({ uow, repo, stateParams, clock }: DashboardDeps) {
  /** A page of users with the keys each holds (`held`: whose keys to count). */
  async function users(
    input: UserListInput,
    held: (rows: { id: string }[]) => string[] | "all",
  ): Promise<{ items: UserRow[]; total: number }> {
    const { rows, total } = await repo.listUsers(uow.db, input, () =>
      stateParams(input.staleDays ?? DEFAULT_STALE_DAYS),
    );
    const keys = await repo.keysHeld(uow.db, held(rows));
    return {
      total,
      items: rows.map(({ officeLocation, ...r }) => ({
        ...r,
        site: officeLocation,
        keysHeld: keys.get(r.id) ?? 0,
      })),
    };
  }

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

    listUsers: (input: UserListInput) => users(input, (rows) => rows.map((r) => r.id)),

    /** The CSV of exactly the users the list shows under these filters and sort (every page). */
    async exportUsers(input: UserExportInput) {
      const { items } = await users({ ...input, page: 1, pageSize: USER_EXPORT_LIMIT + 1 }, () => "all");
      return csvExport({
        name: "users",
        at: clock(),
        columns: userColumns,
        rows: items,
        limit: USER_EXPORT_LIMIT,
      });
    },
  };
}

export type DashboardService = ReturnType<typeof makeDashboardService>;
