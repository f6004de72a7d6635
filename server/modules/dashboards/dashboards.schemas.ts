import { z } from "zod";

import { userStates } from "@/server/modules/rollout/rollout.constants";
import { keyStatuses } from "@/server/modules/inventory/key-statuses.constants";

export const dashboardSummaryOutput = z.object({
  keys: z.object({
    total: z.number().int(),
    byStatus: z.record(z.enum(keyStatuses), z.number().int()),
  }),
  users: z.object({
    total: z.number().int(),
    enabled: z.number().int(),
    passwordlessCapable: z.number().int(),
  }),
  openCases: z.number().int(),
  openPurchaseOrders: z.number().int(),
  unitsOnOrder: z.number().int(),
  waves: z.number().int(),
  lastSync: z
    .object({ kind: z.string(), status: z.string(), startedAt: z.date(), finishedAt: z.date().nullable() })
    .nullable(),
});
export type DashboardSummary = z.infer<typeof dashboardSummaryOutput>;

const page = {
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
};
const sortOf = <T extends readonly [string, ...string[]]>(ids: T) =>
  z
    .object({ id: z.enum(ids), desc: z.boolean() })
    .nullable()
    .default(null);

// Read-only overviews the shell shows until the inventory and directory modules own these lists.
export const keySortColumns = ["serial", "status", "model", "site", "changed"] as const;
export const keyListInput = z.object({
  ...page,
  sort: sortOf(keySortColumns),
  q: z.string().trim().max(100).optional(),
  status: z.enum(keyStatuses).optional(),
});
export const keyRowOutput = z.object({
  id: z.string(),
  serial: z.string(),
  model: z.string(),
  site: z.string(),
  status: z.enum(keyStatuses),
  custodian: z.string().nullable(),
  statusChangedAt: z.date(),
});
export const keyListOutput = z.object({ items: z.array(keyRowOutput), total: z.number().int() });
export type KeyRow = z.infer<typeof keyRowOutput>;
export type KeyListInput = z.infer<typeof keyListInput>;

export const userSortColumns = ["name", "upn", "department", "site"] as const;
export const userListInput = z.object({
  ...page,
  sort: sortOf(userSortColumns),
  q: z.string().trim().max(100).optional(),
  passwordless: z.enum(["yes", "no"]).optional(),
  privileged: z.enum(["yes", "no"]).optional(),
  // Rollout drill-downs (/rollout): a wave, a department or site, and a state (always within the rollout scope).
  waveId: z.string().trim().min(1).max(100).optional(),
  department: z.string().trim().min(1).max(100).optional(),
  siteId: z.string().trim().min(1).max(100).optional(),
  state: z.enum(userStates).optional(),
  staleDays: z.number().int().min(7).max(730).optional(),
});
export const userRowOutput = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  department: z.string().nullable(),
  jobTitle: z.string().nullable(),
  site: z.string().nullable(),
  accountEnabled: z.boolean(),
  isPrivileged: z.boolean(),
  isPasswordlessCapable: z.boolean(),
  /** Keys in the user's hands now (assigned or active, with them as custodian). */
  keysHeld: z.number().int(),
});
export const userListOutput = z.object({ items: z.array(userRowOutput), total: z.number().int() });
export type UserRow = z.infer<typeof userRowOutput>;
export type UserListInput = z.infer<typeof userListInput>;
/** The CSV of the users list: the same filters and sort, every page. */
export const userExportInput = userListInput.omit({ page: true, pageSize: true });
