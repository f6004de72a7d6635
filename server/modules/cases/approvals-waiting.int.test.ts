import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { TestDatabase } from "@/server/db/testing";
import { seedUser } from "./testing";
import { useHelpdeskCaller } from "./trpc-harness";

// The navigation's badge (issue 13): how many waiting approvals THIS actor may decide. Never their own
// request, nor a case they took part in, nor one about their own account; decided requests drop out.

const h = useHelpdeskCaller();
const { entra, as } = h;
const ada: Actor = { id: "agent-ada", name: "Ada", email: "ada@contoso.example", roles: ["helpdesk"] };
const ben: Actor = { id: "agent-ben", name: "Ben", email: null, roles: ["helpdesk"] };
const cyd: Actor = { id: "agent-cyd", name: "Cyd", email: null, roles: ["helpdesk"] };
let db: TestDatabase;
beforeAll(() => void (db = h.db()));

/** Ada opens a privileged user's case, verifies (by `verifier`) and asks for the approval. */
async function privilegedRequest(verifier: Actor = ada) {
  const u = await seedUser(db.prisma, entra, { isPrivileged: true });
  const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
  let c = await as(ada).cases.get({ id });
  c = await as(verifier).cases.verify({
    caseId: id,
    version: c.version,
    method: "in_person",
    reference: "Desk 2",
  });
  await as(ada).cases.requestApproval({ caseId: id, version: c.version, action: "privileged_recovery" });
  return u;
}
const waiting = async (a: Actor) => (await as(a).cases.approvalsWaiting()).count;

describe("cases.approvalsWaiting: the badge counts what this actor may decide", () => {
  it("counts others' requests, not the requester's own nor a case the actor took part in; a decision removes it", async () => {
    expect([await waiting(ada), await waiting(ben), await waiting(cyd)]).toEqual([0, 0, 0]);
    await privilegedRequest();
    await privilegedRequest(ben); // Ben recorded the evidence: he took part, so he cannot decide it.
    expect(await waiting(ada)).toBe(0);
    expect(await waiting(ben)).toBe(1);
    expect(await waiting(cyd)).toBe(2);
    // The same answer as the queue's buttons.
    const queue = await as(cyd).cases.approvals({ status: "pending" });
    expect(queue.filter((a) => a.canDecide)).toHaveLength(2);

    // Cyd approves the one Ben could decide: it leaves both their counts.
    const bens = (await as(ben).cases.approvals({ status: "pending" })).find((a) => a.canDecide)!;
    await as(cyd).cases.decideApproval({ approvalId: bens.id, decision: "approve" });
    expect([await waiting(ada), await waiting(ben), await waiting(cyd)]).toEqual([0, 0, 1]);
  });

  it("a request about the actor's own account is not counted for them (matched by e-mail, any case)", async () => {
    const u = await privilegedRequest();
    const row = await db.prisma.directoryUser.findUniqueOrThrow({ where: { id: u.userId } });
    const before = await waiting(cyd);
    const self: Actor = {
      id: "agent-self",
      name: "Self",
      email: row.userPrincipalName.toUpperCase(),
      roles: ["helpdesk"],
    };
    const other: Actor = {
      id: "agent-other",
      name: "Other",
      email: "other@contoso.example",
      roles: ["helpdesk"],
    };
    expect(await waiting(other)).toBe(before);
    expect(await waiting(self)).toBe(before - 1);
  });
});
