import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { Services } from "@/server/container";
import type { TestDatabase } from "@/server/db/testing";
import { seedUser, workCaseUntil } from "@/server/modules/cases/testing";
import { useHelpdeskCaller } from "@/server/modules/cases/trpc-harness";
import { defaultRecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { sam as lead } from "@/server/modules/cases/test-actors";

// The hourly TAP cap under concurrency: six simultaneous issueTap calls by one agent with a cap of five.
// The cap check and the claim of the pass are one locked transaction, so exactly five passes reach Entra,
// the sixth is refused in words, and the security leads see the agent named in an alert. Run on
// PostgreSQL too (DATABASE_URL=…), where the six requests really do run on separate connections.

const h = useHelpdeskCaller();
const { entra, as } = h;
const racer: Actor = { id: "agent-racer", name: "Rae", email: null, roles: ["helpdesk"] };
let db: TestDatabase;
let s: Services;
beforeAll(() => void ((db = h.db()), (s = h.s())));

describe("TAP cap under concurrency", () => {
  it("six simultaneous issueTap calls with a cap of 5: five passes, one clear refusal, one alert naming the agent", async () => {
    expect(defaultRecoveryPolicy.tap.capPerAgentPerHour).toBe(5);
    const cases: { id: string; version: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const u = await seedUser(db.prisma, entra);
      const { id } = await as(racer).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
      const c = await workCaseUntil(s, { actor: racer, requestId: "r" }, id, "issue_tap");
      cases.push({ id, version: c.version });
    }
    const before = entra.log.tapsCreated.length;

    const results = await Promise.allSettled(
      cases.map((c) => as(racer).recovery.issueTap({ caseId: c.id, version: c.version })),
    );

    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r, i) =>
      r.status === "rejected"
        ? [{ error: r.reason as { code?: string; message?: string }, caseId: cases[i]!.id }]
        : [],
    );
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.error).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("the cap is 5"),
    });
    expect(refused[0]!.error.message).toContain("ask another agent to approve");
    // Not a sixth pass in Entra, nor an issuance record, nor a step left running on the refused case.
    expect(entra.log.tapsCreated.length - before).toBe(5);
    expect(await db.prisma.tapIssuance.count({ where: { issuedById: racer.id } })).toBe(5);
    const step = await db.prisma.caseStep.findFirstOrThrow({
      where: { caseId: refused[0]!.caseId, kind: "issue_tap" },
      select: { status: true, attempts: true },
    });
    expect(step).toEqual({ status: "pending", attempts: 0 });

    const alerts = (await as(lead).recovery.alerts({ days: 1 })).filter((a) => a.kind === "agent_over_cap");
    expect(alerts).toEqual([expect.objectContaining({ actorId: racer.id, caseId: refused[0]!.caseId })]);
  });
});
