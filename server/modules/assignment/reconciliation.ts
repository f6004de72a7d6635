import { authenticatorName, describeCredential } from "@/server/catalog";
import type { AssignmentDeps } from "./assignment.deps";
import type { ListPage } from "./assignment-lists.repository";
import { DAY } from "@/server/lib/time";

// Reconciliation (docs/ARCHITECTURE.md): where the physical keys, the Entra credentials and the people disagree.

import { FOLLOW_UP_DAYS_SETTING } from "@/server/modules/settings/setting-names.constants";
export const DEFAULT_FOLLOW_UP_DAYS = 14;

/** Which page of a work list to read (1-based) and how many rows a page holds. */
export interface PageRequest {
  page: number;
  pageSize: number;
}
export type ReconciliationPages = Record<
  "neverRegistered" | "withoutKey" | "stock" | "leavers",
  number | undefined
>;
const FIRST: PageRequest = { page: 1, pageSize: 10 };
const window = ({ page, pageSize }: PageRequest): ListPage => ({
  skip: (page - 1) * pageSize,
  take: pageSize,
});

export function makeReconciliation({ uow, repo, clock }: AssignmentDeps) {
  const followUpDays = async () => {
    const v = await repo.setting(uow.db, FOLLOW_UP_DAYS_SETTING);
    const n =
      typeof v === "number"
        ? v
        : typeof v === "object" && v && "days" in v
          ? Number((v as { days: unknown }).days)
          : NaN;
    return Number.isInteger(n) && n > 0 ? n : DEFAULT_FOLLOW_UP_DAYS;
  };
  const assignedRows = async (cutoff: Date, page: PageRequest) => {
    const { rows, total } = await repo.followUps(uow.db, cutoff, window(page));
    return {
      total,
      items: rows.map((a) => ({
        assignmentId: a.id,
        kind: a.kind,
        assignedAt: a.assignedAt,
        handover: a.handover,
        shippedAt: a.shippedAt,
        deliveredAt: a.deliveredAt,
        daysSince: Math.floor((clock().getTime() - a.assignedAt.getTime()) / DAY),
        keyId: a.key.id,
        serial: a.key.serial,
        model: a.key.model.productName,
        site: a.key.site.code,
        userId: a.user.id,
        displayName: a.user.displayName,
        userPrincipalName: a.user.userPrincipalName,
      })),
    };
  };

  return {
    followUpDays,

    /** Keys assigned but not registered after N days (the follow-up days setting, default 14). */
    async followUps(page: PageRequest = FIRST) {
      const days = await followUpDays();
      return { days, ...(await assignedRows(new Date(clock().getTime() - days * DAY), page)) };
    },

    async returnedKeys(page: PageRequest = FIRST) {
      const { rows, total } = await repo.returnedKeys(uow.db, window(page));
      return {
        total,
        items: rows.map((k) => ({
          keyId: k.id,
          serial: k.serial,
          version: k.version,
          since: k.statusChangedAt,
          site: k.site.code,
          model: k.model.productName,
          condition: k.assignments[0]?.returnCondition ?? null,
          fromUserId: k.assignments[0]?.user.id ?? null,
          fromUser: k.assignments[0]?.user.displayName ?? null,
        })),
      };
    },

    /** The four reconciliation lists, each one page of it (`pages` names the page of each, 1 if absent). */
    async reconciliation(pages: Partial<ReconciliationPages> = {}, pageSize = FIRST.pageSize) {
      const at = (p: number | undefined) => window({ page: p ?? 1, pageSize });
      const [neverRegistered, unlinked, stock, leavers] = await Promise.all([
        assignedRows(clock(), { page: pages.neverRegistered ?? 1, pageSize }),
        repo.unlinkedCredentials(uow.db, at(pages.withoutKey)),
        repo.keysInStockWithLiveCredential(uow.db, at(pages.stock)),
        repo.leaversWithLiveCredentials(uow.db, at(pages.leavers)),
      ]);
      return {
        assignedNeverRegistered: neverRegistered,
        credentialsWithoutKey: {
          total: unlinked.total,
          items: unlinked.rows.map((c) => ({
            credentialId: c.id,
            methodId: c.methodId,
            aaguid: c.aaguid,
            model: authenticatorName(c.aaguid, c.model),
            displayName: c.displayName,
            createdDateTime: c.createdDateTime,
            isUnknownModel: c.isUnknownModel,
            kind: describeCredential(c).kind,
            userId: c.user.id,
            user: c.user.displayName,
            userPrincipalName: c.user.userPrincipalName,
          })),
        },
        stockWithLiveCredential: {
          total: stock.total,
          items: stock.rows.map((k) => ({
            keyId: k.id,
            serial: k.serial,
            status: k.status,
            site: k.site.code,
            model: k.model.productName,
            credentialId: k.credential!.id,
            lastUsedAt: k.credential!.lastUsedAt,
            userId: k.credential!.user.id,
            user: k.credential!.user.displayName,
          })),
        },
        leaversWithLiveCredentials: {
          total: leavers.total,
          items: leavers.rows.map((u) => ({
            userId: u.id,
            displayName: u.displayName,
            userPrincipalName: u.userPrincipalName,
            state: u.deletedAt ? "deleted" : "disabled",
            liveCredentials: u._count.credentials,
          })),
        },
      };
    },
  };
}
