import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { procedureRateRules } from "@/server/security/rate-limit";
import { callProcedure, listProcedures } from "./testing";

// The limits procedureRateRules lists, applied by procedure() to whatever procedure has that path.
// Inputs here are invalid on purpose: an attempt counts before its input is read, and no service runs.
// The buckets are the portal's own, in a real database.

let db: TestDatabase;
let services: Services;
const codeOf = (r: unknown) => (r instanceof TRPCError ? r.code : "OK");
beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
});
afterAll(async () => {
  await db?.close();
});

describe("procedure rate limits", () => {
  it("name procedures that exist (a renamed procedure would silently lose its limit)", () => {
    const paths = listProcedures().map((p) => p.path);
    expect(Object.keys(procedureRateRules).length).toBeGreaterThan(0);
    for (const path of Object.keys(procedureRateRules)) expect(paths).toContain(path);
  });

  it("limit TAP issuance per staff member: past the burst, TOO_MANY_REQUESTS; another agent is unaffected", async () => {
    const { limit } = procedureRateRules["recovery.issueTap"]!;
    for (let i = 0; i < limit; i++)
      expect(codeOf(await callProcedure(services, "recovery.issueTap", "helpdesk", { caseId: "" }))).toBe(
        "BAD_REQUEST",
      );
    const refused = await callProcedure(services, "recovery.issueTap", "helpdesk", { caseId: "" });
    expect(codeOf(refused)).toBe("TOO_MANY_REQUESTS");
    expect((refused as TRPCError).message).toMatch(/Try again in \d+ s/);
    expect(codeOf(await callProcedure(services, "recovery.issueTap", "admin", { caseId: "" }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("leave procedures without a rule alone", async () => {
    for (let i = 0; i < 50; i++)
      expect(codeOf(await callProcedure(services, "recovery.tapPolicy", "helpdesk", { caseId: 1 }))).toBe(
        "BAD_REQUEST",
      );
  });
});
