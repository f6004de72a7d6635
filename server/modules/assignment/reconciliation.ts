import { authenticatorName, describeCredential } from "@/server/catalog";
import type { AssignmentDeps } from "./assignment.deps";

// Reconciliation (docs/ARCHITECTURE.md): where the physical keys, the Entra credentials and the people disagree.

export const FOLLOW_UP_DAYS_SETTING = "assignment.followUpDays";
export const DEFAULT_FOLLOW_UP_DAYS = 14;
const DAY = 86_400_000;
const LIST_LIMIT = 500;

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
  const assignedRows = async (cutoff: Date) =>
    (await repo.followUps(uow.db, cutoff, LIST_LIMIT)).map((a) => ({
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
    }));

  return {
    followUpDays,

    /** Keys assigned but not registered after N days (Setting assignment.followUpDays, default 14). */
    async followUps() {
      const days = await followUpDays();
      return { days, items: await assignedRows(new Date(clock().getTime() - days * DAY)) };
    },

    async returnedKeys() {
      return (await repo.returnedKeys(uow.db, LIST_LIMIT)).map((k) => ({
        keyId: k.id,
        serial: k.serial,
        version: k.version,
        since: k.statusChangedAt,
        site: k.site.code,
        model: k.model.productName,
        condition: k.assignments[0]?.returnCondition ?? null,
        fromUserId: k.assignments[0]?.user.id ?? null,
        fromUser: k.assignments[0]?.user.displayName ?? null,
      }));
    },

    async reconciliation() {
      const [neverRegistered, unlinked, stockWithCredential, leavers] = await Promise.all([
        assignedRows(clock()),
        repo.unlinkedCredentials(uow.db, LIST_LIMIT),
        repo.keysInStockWithLiveCredential(uow.db, LIST_LIMIT),
        repo.leavers(uow.db, LIST_LIMIT),
      ]);
      return {
        assignedNeverRegistered: neverRegistered,
        credentialsWithoutKey: unlinked.map((c) => ({
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
        stockWithLiveCredential: stockWithCredential.map((k) => ({
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
        leaversWithLiveCredentials: leavers
          .filter((u) => u.credentials.length)
          .map((u) => ({
            userId: u.id,
            displayName: u.displayName,
            userPrincipalName: u.userPrincipalName,
            state: u.deletedAt ? "deleted" : "disabled",
            liveCredentials: u.credentials.length,
          })),
      };
    },
  };
}
