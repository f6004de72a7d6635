import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { outboxOf, restrictMailSend } from "@/server/graph/simulator/conditional-access";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";

// The setup page's Mail.Send rows against the simulated tenant, whose sendMail can be refused (no
// Mail.Send), limited to some mailboxes (as Exchange's RBAC for Applications scope does) or open to every
// mailbox (a tenant-wide grant). Whatever the answer, nothing reaches the outbox.

const lead: RequestContext = {
  actor: { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] },
  requestId: "req-mail",
};
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
let mailbox: string;

const mailRows = async () => {
  const r = await services.setup.checkPermissions();
  const rows = r.checks.filter((c) => c.id.startsWith("mail-send"));
  return { missing: r.missing, rows: Object.fromEntries(rows.map((c) => [c.id, c])) };
};
const setMailbox = (m: string) =>
  services.messages.setConfig(lead, { mailbox: m, dailyCap: 200, reminderDaysBefore: 3 });

beforeAll(async () => {
  sim = await startTestSimulator({ users: 25, seed: 9 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  mailbox = sim.tenant.users.find(
    (u) => u.userType === "Member" && u.accountEnabled && u.mail,
  )!.userPrincipalName;
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("setup: Mail.Send for the sending mailbox", () => {
  it("without a sending mailbox both rows are skipped and say where to set one", async () => {
    const { rows, missing } = await mailRows();
    expect(rows["mail-send"]).toMatchObject({
      status: "skipped",
      detail: expect.stringMatching(/Rollout → Messages/),
    });
    expect(rows["mail-send-scope"]!.status).toBe("skipped");
    expect(missing).toEqual([]);
  });

  it("granted tenant-wide: KeyFleet may send as the mailbox, and the scope row says it is not limited", async () => {
    await setMailbox(mailbox);
    const { rows, missing } = await mailRows();
    expect(rows["mail-send"]).toMatchObject({ status: "granted", permission: "Mail.Send" });
    expect(rows["mail-send"]!.detail).toContain(mailbox);
    expect(rows["mail-send-scope"]!.status).toBe("too_broad");
    expect(rows["mail-send-scope"]!.detail).toMatch(/RBAC for Applications.*README → Messages to users/);
    expect(missing).toEqual([]);
  });

  it("limited to the sending mailbox: both rows pass", async () => {
    restrictMailSend(sim.tenant, [mailbox]);
    const { rows } = await mailRows();
    expect(rows["mail-send"]!.status).toBe("granted");
    expect(rows["mail-send-scope"]).toMatchObject({
      status: "granted",
      detail: expect.stringMatching(/^Limited/),
    });
  });

  it("a scope that leaves the sending mailbox out: missing, with the next step, and no scope verdict", async () => {
    const other = sim.tenant.users.find((u) => u.userPrincipalName !== mailbox && u.mail)!;
    restrictMailSend(sim.tenant, [other.userPrincipalName]);
    const { rows, missing } = await mailRows();
    expect(rows["mail-send"]!.status).toBe("missing");
    expect(rows["mail-send"]!.detail).toMatch(
      new RegExp(`may not send as ${mailbox.replace(/[.]/g, "\\.")}`),
    );
    expect(rows["mail-send-scope"]!.status).toBe("skipped");
    expect(missing).toEqual(["Mail.Send"]);
    restrictMailSend(sim.tenant, null);
  });

  it("no Mail.Send at all: missing, named for the admin, never Graph's own words", async () => {
    sim.control.revokePermissions(["Mail.Send"]);
    const { rows, missing } = await mailRows();
    expect(rows["mail-send"]!.status).toBe("missing");
    expect(missing).toEqual(["Mail.Send"]);
    expect(JSON.stringify(rows)).not.toMatch(
      /Authorization_RequestDenied|Insufficient privileges|ErrorAccessDenied/,
    );
    sim.control.resetPermissions();
  });

  it("a mailbox that does not exist is said so", async () => {
    await setMailbox("nobody@contoso.example");
    const { rows } = await mailRows();
    expect(rows["mail-send"]).toMatchObject({
      status: "failed",
      detail: expect.stringMatching(/does not exist/),
    });
  });

  it("no check ever sent a message", () => {
    expect(outboxOf(sim.tenant)).toEqual([]);
  });
});
