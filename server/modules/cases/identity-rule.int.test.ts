import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { TestDatabase } from "@/server/db/testing";
import { seedUser } from "./testing";
import { useHelpdeskCaller } from "./trpc-harness";

// Issue 13: what identity check a case needs, through the routers, for a normal and a privileged user:
// the wording agrees with the rule (a callback is never suggested where it is refused).

const h = useHelpdeskCaller();
const { entra, as } = h;
const ada: Actor = { id: "agent-ada", name: "Ada", email: "ada@contoso.example", roles: ["helpdesk"] };
let db: TestDatabase;
beforeAll(() => void (db = h.db()));

const verifyStep = (c: { steps: { kind: string; preview: string }[] }) =>
  c.steps.find((x) => x.kind === "verify_identity")!;

describe("cases: the identity rule and its wording", () => {
  it("a normal user: the callback is accepted, the step names the number on record, the evidence is stored", async () => {
    const u = await seedUser(db.prisma, entra);
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
    let c = await as(ada).cases.get({ id });
    expect(c.requirements.requiredStrength).toBe(2);
    expect(c.requirements.methods.find((m) => m.method === "callback")?.isSufficient).toBe(true);
    expect(c.requirements.summary).toContain("strength 2 or more");
    expect(verifyStep(c).preview).toContain("call back +44 20 7946 0000, the number on record");
    c = await as(ada).cases.verify({
      caseId: id,
      version: c.version,
      method: "callback",
      reference: "Called +44 20 7946 0000 at 09:10",
    });
    expect(verifyStep(c)).toMatchObject({ status: "done" });
    expect(await db.prisma.verificationEvidence.count({ where: { caseId: id } })).toBe(1);
  });

  it("a privileged user: callback not offered as sufficient, not in the step text, refused in words; nothing stored", async () => {
    const u = await seedUser(db.prisma, entra, { isPrivileged: true });
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
    const c = await as(ada).cases.get({ id });
    expect(c.requirements.requiredStrength).toBe(3);
    expect(c.requirements.methods.filter((m) => m.isSufficient).map((m) => m.method)).toEqual([
      "video_id",
      "in_person",
    ]);
    expect(c.requirements.summary).toContain("Privileged user");
    expect(c.requirements.summary).toContain("not enough for this user, even together");
    const preview = verifyStep(c).preview;
    expect(preview).not.toMatch(/call ?back/i);
    expect(preview).not.toContain("+44 20 7946 0000");
    expect(preview).toContain("a video call with ID, or in person at a desk");
    await expect(
      as(ada).cases.verify({ caseId: id, version: c.version, method: "callback", reference: "Called him" }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining(
        "as a privileged user they need one check of strength 3 or more, and checks do not add up",
      ),
    });
    // A second weak method does not add up to the level either.
    await expect(
      as(ada).cases.verify({
        caseId: id,
        version: c.version,
        method: "manager_confirmation",
        reference: "Manager on Teams",
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await db.prisma.verificationEvidence.count({ where: { caseId: id } })).toBe(0);
    expect(verifyStep(await as(ada).cases.get({ id }))).toMatchObject({ status: "pending" });
  });
});
