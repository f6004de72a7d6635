import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissions, roles, type Role } from "@/server/auth/permissions";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { TrpcContext } from "./init";
import { callProcedure, listProcedures } from "./testing";

// Walks EVERY procedure of the root router × every role + anonymous, against the table below.
// anonymous → UNAUTHORIZED; role not in the procedure's row → FORBIDDEN; role in it → anything but those.
//
// The table is written out by hand from the role descriptions (README, docs/SECURITY.md) and is never
// derived from `can()` or permissions.ts: a wrong permission table, or a procedure given the wrong
// permission, fails here. A procedure missing from the table fails too, so every new procedure needs a
// reviewed row. Reviewers: read each row as "who may call this".

const H = "helpdesk",
  P = "procurement",
  S = "security",
  A = "admin";
const everyone = [H, P, S, A] as const;

const expected: Record<string, readonly Role[]> = {
  // Keys in people's hands: helpdesk and admin assign, ship, take back, wipe, retire, mark, reserve.
  "assignment.assign": [H, A],
  "assignment.recordShipment": [H, A],
  "assignment.markReadyForPickup": [H, A],
  "assignment.markDelivered": [H, A],
  "assignment.returnKey": [H, A],
  "assignment.wipeKey": [H, A],
  "assignment.retireKey": [H, A],
  "assignment.markKey": [H, A],
  "assignment.reserveKey": [H, A],
  "assignment.stock": [H, A],
  "assignment.waves": [H, A],
  "assignment.wavePreview": [H, A],
  "assignment.waveConfirm": [H, A],
  "assignment.returnedKeys": [H, A],
  "assignment.collectKey": [H, A],
  // Reading people (follow-ups, reconciliation, offboarding queue): helpdesk, security, admin — not procurement.
  "assignment.followUps": [H, S, A],
  "assignment.reconciliation": [H, S, A],
  "assignment.offboarding": [H, S, A],
  // Deleting a leaver's credential in Entra is a revocation: helpdesk and admin.
  "assignment.deleteLeaverCredential": [H, A],

  "users.get": [H, S, A],
  // Setting a user's site by hand moves where their replacement keys come from: the assigning roles.
  "users.setSite": [H, A],
  "users.search": [...everyone], // global search; see the report note on procurement

  // The match review queue: read by whoever reads people; deciding links a credential to a key, so
  // only the roles that assign keys.
  "matching.reviews": [H, S, A],
  "matching.confirm": [H, A],
  "matching.reject": [H, A],

  // The audit trail: security and admin only.
  "audit.list": [S, A],
  "audit.actions": [S, A],
  "audit.verify": [S, A],
  "audit.export": [S, A],
  "audit.actors": [S, A],
  "audit.subjects": [S, A],

  "dashboard.summary": [...everyone],
  "dashboard.keys": [...everyone],
  "dashboard.users": [H, S, A],
  "dashboard.exportUsers": [H, S, A],

  // Settings: security and admin read, only admin changes the recovery policy.
  "settings.status": [S, A],
  "settings.recoveryPolicy": [S, A],
  "settings.setRecoveryPolicy": [A],
  "settings.helpdesk": [S, A],
  "settings.setHelpdesk": [A],

  // Inventory: everyone reads keys; procurement and admin transfer, retire and manage sites and models.
  "inventory.keys": [...everyone],
  "inventory.exportKeys": [...everyone],
  "inventory.key": [...everyone],
  "inventory.sites": [...everyone],
  "inventory.models": [...everyone],
  "inventory.modelOptions": [...everyone],
  "inventory.keyFilterOptions": [...everyone],
  "inventory.transferKeys": [P, A],
  "inventory.retireKeys": [P, A],
  "inventory.stock": [P, S, A],
  "inventory.exportStock": [P, S, A],
  "inventory.siteList": [P, S, A],
  "inventory.unknownAaguids": [P, S, A],
  "inventory.createSite": [P, A],
  "inventory.updateSite": [P, A],
  "inventory.setReorderPoint": [P, A],
  "inventory.createModel": [P, A],
  "inventory.updateModel": [P, A],
  "inventory.mapAaguid": [P, A],
  // The built-in authenticator catalogue, for buyers picking a model (and whoever reads procurement).
  "inventory.catalogProducts": [P, S, A],

  // Procurement: procurement and admin buy and receive; security reads.
  "procurement.list": [P, S, A],
  "procurement.exportOrders": [P, S, A],
  "procurement.get": [P, S, A],
  "procurement.forecast": [P, S, A],
  "procurement.exportForecast": [P, S, A],
  "procurement.create": [P, A],
  "procurement.updateDraft": [P, A],
  "procurement.placeOrder": [P, A],
  "procurement.cancel": [P, A],
  "procurement.closeShort": [P, A],
  "procurement.receivedKeys": [P, S, A],
  "procurement.receiveScan": [P, A],
  "procurement.previewCsv": [P, A],
  "procurement.commitCsv": [P, A],

  // Directory sync: security and admin watch it, only admin starts one; helpdesk refreshes one user and
  // works the match reviews (they decide which key a credential is).
  "sync.runs": [S, A],
  "sync.run": [S, A],
  "sync.running": [S, A],
  "sync.start": [A],
  // A full run re-reads the whole tenant: admin only, like any run started by hand.
  "sync.full": [A],
  // When the next sync runs: whoever sees the runs.
  "sync.schedule": [S, A],
  "sync.refreshUser": [H, A],
  // Users a partial sync could not read yet: watched with the runs.
  "sync.pending": [S, A],

  // First run on a real tenant: what the Graph app may do, proposed sites, the tenant's keys by catalogue
  // entry. Admin only (it probes the tenant's permissions).
  "setup.checkPermissions": [A],
  "setup.proposedSites": [A],
  "setup.catalogueMapping": [A],

  // Rollout: security steers the waves (with admin); procurement reads the dashboards to plan stock.
  "rollout.waves": [P, S, A],
  "rollout.filterChoices": [P, S, A],
  "rollout.adoption": [P, S, A],
  "rollout.registrationTimes": [P, S, A],
  "rollout.readiness": [P, S, A],
  "rollout.stock": [P, S, A],
  "rollout.incidents": [P, S, A],
  "rollout.signInMix": [P, S, A],
  "rollout.hygiene": [P, S, A],
  "rollout.trends": [P, S, A],
  "rollout.freshness": [P, S, A],
  "rollout.latestSync": [P, S, A],
  "rollout.exportCsv": [P, S, A],
  "rollout.searchGroups": [S, A],
  "rollout.createWave": [S, A],
  "rollout.updateWave": [S, A],
  "rollout.deleteWave": [S, A],
  // One person into or out of a wave, and the list of its members by name: who steers the waves (a list
  // of people is not for procurement's planning).
  "rollout.addWaveMember": [S, A],
  "rollout.removeWaveMember": [S, A],
  "rollout.waveMembers": [S, A],
  // The security lead's levers: who would be locked out is a list of people — security and admin only.
  "levers.readiness": [S, A],
  "levers.readinessWave": [S, A],
  "levers.restrictions": [S, A],
  "levers.previewRestriction": [S, A],
  "levers.signInFailures": [S, A],
  "levers.signInFailureList": [S, A],
  "levers.signInFailuresCsv": [S, A],
  // Changing which keys may register: security and admin draft and ask; only an admin (never the one who
  // asked) approves, and only the approval changes Entra.
  "levers.restrictionChanges": [S, A],
  "levers.restrictionChange": [S, A],
  "levers.requestRestrictionChange": [S, A],
  "levers.approveRestrictionChange": [A],
  "levers.rejectRestrictionChange": [A],
  // Messages to users: the same levers — names, addresses and the send log are security's and admin's.
  "messages.overview": [S, A],
  "messages.saveTemplate": [S, A],
  "messages.setConfig": [S, A],
  "messages.preview": [S, A],
  "messages.reminderPlan": [S, A],
  "messages.sendReminders": [S, A],
  "messages.optOuts": [S, A],
  "messages.addOptOut": [S, A],
  "messages.removeOptOut": [S, A],
  "messages.log": [S, A],

  // Cases: helpdesk and admin work them and decide approvals; security reads them.
  "cases.list": [H, S, A],
  "cases.userKeys": [H, S, A],
  "cases.get": [H, S, A],
  "cases.open": [H, A],
  "cases.verify": [H, A],
  "cases.requestApproval": [H, A],
  "cases.runStep": [H, A],
  "cases.close": [H, A],
  "cases.approvals": [H, A],
  "cases.approvalsWaiting": [H, A],
  "cases.agents": [H, S, A],
  "cases.setTriage": [H, A],
  "cases.decideApproval": [H, A],
  // What a recovery would leave the user with: everyone who reads cases; recording an in-person
  // handover unlocks a credential DELETE, so it is the revoking roles'.
  "cases.preflight": [H, S, A],
  "cases.recordHandover": [H, A],

  // TAPs: helpdesk and admin issue and revoke; security sees a user's passes (never the value) and the alerts.
  "recovery.tapPolicy": [H, A],
  "recovery.issueTap": [H, A],
  "recovery.revokeTap": [H, A],
  "recovery.listTaps": [H, S, A],
  "recovery.alerts": [S, A],
  // Re-reading a user's passes from Entra (metadata only, never a pass) is a read: whoever reads cases.
  "recovery.refreshTaps": [H, S, A],

  // Enrollment: helpdesk and admin register keys in Entra on a person's behalf; the share of links by
  // method is a rollout figure.
  "enrollment.sources": [H, A],
  "enrollment.queues": [H, A],
  "enrollment.queue": [H, A],
  "enrollment.createQueue": [H, A],
  "enrollment.start": [H, A],
  "enrollment.complete": [H, A],
  "enrollment.issuePass": [H, A],
  "enrollment.watch": [H, A],
  "enrollment.confirm": [H, A],
  "enrollment.endWatch": [H, A],
  "enrollment.skip": [H, A],
  "enrollment.sheet": [H, A],
  "enrollment.linkShare": [P, S, A],
};

const procedures = listProcedures().map((p) => [p.path, p] as const);

let db: TestDatabase;
let services: TrpcContext["services"];

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
});
afterAll(async () => {
  await db?.close();
});

// No input on purpose: the permission check must come before input validation.
const call = (path: string, role: Role | null) =>
  callProcedure(services, path, role, undefined, "rbac-matrix-test");

const codeOf = (result: unknown) => (result instanceof TRPCError ? result.code : "OK");

describe("RBAC matrix", () => {
  it("the table lists exactly the router's procedures (a new procedure needs a reviewed row)", () => {
    expect(procedures.length).toBeGreaterThan(0);
    expect(procedures.map(([path]) => path).sort()).toEqual(Object.keys(expected).sort());
  });

  it("every row names known roles, no role twice", () => {
    for (const allowed of Object.values(expected)) {
      expect(allowed.every((r) => roles.includes(r))).toBe(true);
      expect(new Set(allowed).size).toBe(allowed.length);
    }
  });

  it.each(procedures)("%s declares a known permission", (_path, proc) => {
    expect(permissions).toContain(proc.permission);
  });

  describe.each(procedures)("%s", (path) => {
    it("refuses anonymous callers with UNAUTHORIZED", async () => {
      expect(codeOf(await call(path, null))).toBe("UNAUTHORIZED");
    });

    it.each(roles.map((r) => [r] as const))(
      "as %s: FORBIDDEN exactly when the table leaves the role out",
      async (role) => {
        const code = codeOf(await call(path, role));
        if ((expected[path] ?? []).includes(role)) {
          expect(code).not.toBe("FORBIDDEN");
          expect(code).not.toBe("UNAUTHORIZED");
        } else {
          expect(code).toBe("FORBIDDEN");
        }
      },
    );
  });
});
