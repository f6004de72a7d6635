import type { RequestContext } from "@/server/auth/actor";
import { can, type Role } from "@/server/auth/permissions";
import { describeCredential } from "@/server/catalog";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { keySummary } from "@/server/modules/inventory/inventory.repository";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { DirectoryRepository } from "./directory.repository";
import type { DirectoryUserReads } from "./directory.users.repository";
import type { UserPage } from "./directory.users.schemas";
import { tapIssuanceStates } from "./tap-issuance-state";
import { userTimeline } from "./user-timeline";

const kindOrder = (k: string | undefined) => (k === "primary" ? 0 : k === "backup" ? 1 : 2);
type SiteWrites = Pick<DirectoryRepository, "setSiteByHand" | "siteOfUser" | "siteExists">;

/** Where a credential's "last used" came from (null: no figure); an older row without a source is the log's. */
const lastUsedSourceOf = (c: { lastUsedAt: Date | null; lastUsedSource: string | null }) =>
  c.lastUsedAt === null ? null : c.lastUsedSource === "graph" ? ("graph" as const) : ("sign_in_log" as const);

export function makeDirectoryUserService({
  uow,
  reads,
  audit,
  clock,
  directory,
}: {
  uow: UnitOfWork;
  reads: DirectoryUserReads;
  audit: AuditService;
  clock: () => Date;
  directory: SiteWrites;
}) {
  return {
    /**
     * An agent sets the user's site by hand (their office in Entra names no site, or the wrong one); sync
     * keeps it. `siteId` null hands the choice back to the office → site match.
     */
    async setSite(ctx: RequestContext, input: { userId: string; siteId: string | null }) {
      return uow.run(async (tx) => {
        const before = await directory.siteOfUser(tx, input.userId);
        if (!before) throw new AppError("NOT_FOUND", "No user with this id in the directory.");
        if (input.siteId && !(await directory.siteExists(tx, input.siteId)))
          throw new AppError("NOT_FOUND", "That site no longer exists. Reload the page and pick another.");
        const siteId = await directory.setSiteByHand(tx, input.userId, input.siteId, clock());
        await audit.record(tx, ctx, {
          action: "users.set_site",
          subjectType: "DirectoryUser",
          subjectId: input.userId,
          before: {
            siteId: before.siteId,
            site: before.site?.code ?? null,
            siteSetManually: before.siteSetManually,
          },
          after: { siteId, siteSetManually: input.siteId !== null },
        });
        return { siteId, siteSetManually: input.siteId !== null };
      });
    },

    /**
     * Only `audit.read` reads the audit trail: for other viewers (helpdesk) the page leaves out the audit
     * events about the user and their keys, and so who acted — staff names — as the key page does
     * (docs/SECURITY.md, "Key detail" and "User page").
     */
    async userPage(id: string, viewer: { roles: readonly Role[] }): Promise<UserPage> {
      const db = uow.db;
      // Two round trips: the user with everything their page lists, then the audit events about them
      // and the keys they held (the newest 100 about the user and 30 per key, at most 20 keys, at once).
      const page = await reads.userPage(db, id);
      if (!page) throw new AppError("NOT_FOUND", "No user with this id in the directory.");
      const { keys: held, assignments, credentials, taps, cases, entraTaps, entraTapsReadAt, ...user } = page;
      const now = clock();
      const tapStates = tapIssuanceStates(taps, { entraTaps, entraTapsReadAt }, now);
      const keyIds = [...new Set(assignments.map((a) => a.key.id))].slice(0, 20);
      const readsAudit = can(viewer.roles, "audit.read");
      const events = readsAudit
        ? await audit.recentAbout(
            [
              { subjectType: "DirectoryUser", subjectIds: [id] },
              { subjectType: "SecurityKey", subjectIds: keyIds },
            ],
            100 + 30 * keyIds.length,
          )
        : [];
      const timeline = userTimeline({
        assignments,
        credentials,
        cases,
        taps,
        events,
        serialOf: new Map(assignments.map((a) => [a.key.id, a.key.serial])),
      });

      return {
        user: {
          id: user.id,
          displayName: user.displayName,
          userPrincipalName: user.userPrincipalName,
          mail: user.mail,
          department: user.department,
          jobTitle: user.jobTitle,
          officeLocation: user.officeLocation,
          siteId: user.siteId,
          site: user.site?.code ?? null,
          siteSetManually: user.siteSetManually,
          userType: user.userType,
          accountEnabled: user.accountEnabled,
          deletedAt: user.deletedAt,
          isPrivileged: user.isPrivileged,
          isMfaCapable: user.isMfaCapable,
          isPasswordlessCapable: user.isPasswordlessCapable,
          methodsRegistered: user.methodsRegistered,
          reportUpdatedAt: user.reportUpdatedAt,
          lastSyncedAt: user.lastSyncedAt,
          waves: user.waves.map((w) => w.wave.name),
        },
        keys: [...held]
          .sort((x, y) => kindOrder(x.assignments[0]?.kind) - kindOrder(y.assignments[0]?.kind))
          .map((k) => {
            const a = k.assignments[0] ?? null;
            const live = k.credential && !k.credential.removedAt ? k.credential : null;
            return {
              ...keySummary(k),
              kind: a?.kind ?? null,
              assignmentId: a?.id ?? null,
              assignedAt: a?.assignedAt ?? null,
              handover: a?.handover ?? null,
              shippedAt: a?.shippedAt ?? null,
              carrierRef: a?.carrierRef ?? null,
              deliveredAt: a?.deliveredAt ?? null,
              readyAt: a?.readyAt ?? null,
              match: live
                ? (live.matchMethod ?? "linked")
                : k.status === "reserved"
                  ? "reserved"
                  : "awaiting registration",
              credentialId: live?.id ?? null,
              lastUsedAt: live?.lastUsedAt ?? null,
            };
          }),
        credentials: credentials
          .map((c) => ({ c, about: describeCredential(c) }))
          .map(({ c, about }) => ({
            id: c.id,
            methodId: c.methodId,
            displayName: c.displayName,
            model: about.name,
            kind: about.kind,
            aaguid: c.aaguid,
            createdDateTime: c.createdDateTime,
            lastUsedAt: c.lastUsedAt,
            lastUsedSource: lastUsedSourceOf(c),
            removedAt: c.removedAt,
            passkeyType: c.passkeyType,
            attestationLevel: c.attestationLevel,
            isUnknownModel: c.isUnknownModel,
            matchMethod: c.matchMethod,
            keyId: c.key?.id ?? null,
            keySerial: c.key?.serial ?? null,
          })),
        taps: taps.map((t, i) => ({
          id: t.id,
          reason: t.reason,
          createdAt: t.createdAt,
          startAt: t.startAt,
          expiresAt: t.expiresAt,
          lifetimeMinutes: t.lifetimeMinutes,
          isUsableOnce: t.isUsableOnce,
          revokedAt: t.revokedAt,
          caseNumber: t.case?.number ?? null,
          state: tapStates[i]!,
        })),
        cases: cases.map((c) => ({
          id: c.id,
          number: c.number,
          kind: c.kind,
          status: c.status,
          createdAt: c.createdAt,
          closedAt: c.closedAt,
          outcome: c.outcome,
          isOpen: !["closed", "cancelled"].includes(c.status),
        })),
        timeline: timeline.slice(0, 300),
        isAuditHidden: !readsAudit,
      };
    },

    async search(q: string, options: { withUsers: boolean }) {
      const term = q.trim();
      if (term.length < 2) return { users: [], keys: [] };
      const r = await reads.search(uow.db, term, 6, options.withUsers);
      return {
        users: r.users.map((u) => ({
          id: u.id,
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
          department: u.department,
          isLeaver: !u.accountEnabled || u.deletedAt !== null,
        })),
        keys: r.keys.map((k) => ({
          id: k.id,
          serial: k.serial,
          status: k.status,
          model: k.model.productName,
          custodianId: k.custodian?.id ?? null,
          custodian: k.custodian?.displayName ?? null,
        })),
      };
    },
  };
}

export type DirectoryUserService = ReturnType<typeof makeDirectoryUserService>;
