import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { parseCsv } from "@/server/modules/inventory/csv";

// Exporting the filtered trail: exactly the events the filter shows, newest first, both formats, formula
// starts neutralised in CSV, and the export itself recorded (by whom, which filter, how many).

const agent: RequestContext = {
  actor: { id: "agent-1", name: "Agent One", email: null, roles: ["helpdesk"] },
  requestId: "req-export-a",
};
const lead: RequestContext = {
  actor: { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] },
  requestId: "req-export-b",
};

let db: TestDatabase;
let services: Services;

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
  const events = [
    { action: "keys.assign", subjectId: "k1", after: { note: '=HYPERLINK("http://x")' } },
    { action: "keys.retire", subjectId: "k2", after: { reason: "broken" } },
    { action: "keys.assign", subjectId: "k3", after: { note: "plain" } },
    { action: "cases.open", subjectId: "c1", after: null },
  ];
  for (const e of events)
    await services.uow.run((tx) =>
      services.audit.record(tx, agent, { subjectType: "HardwareKey", before: null, ...e }),
    );
});
afterAll(async () => {
  await db?.close();
});

describe("audit export", () => {
  it("writes the filtered events newest first as CSV, with formula starts neutralised", async () => {
    const file = await services.audit.exportTrail(lead, { action: "keys.assign" }, "csv");
    expect(file).toMatchObject({ rows: 2, isTruncated: false, mimeType: "text/csv" });
    expect(file.filename).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    const parsed = parseCsv(file.content);
    if (!parsed.ok) throw new Error(parsed.message);
    const [header, ...rows] = parsed.rows.map((r) => r.cells);
    expect(header!.slice(0, 8)).toEqual([
      "Sequence",
      "Time (UTC)",
      "Actor",
      "Actor id",
      "Role",
      "Action",
      "Subject type",
      "Subject id",
    ]);
    expect(rows.map((r) => r[7])).toEqual(["k3", "k1"]);
    expect(rows.every((r) => r[2] === "Agent One" && r[5] === "keys.assign")).toBe(true);
    // The "after" cell of k1 starts with `{`, but the note inside it must never reach a spreadsheet as a formula.
    expect(file.content).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("writes JSON with the chain fields, so a script can check the hashes", async () => {
    const file = await services.audit.exportTrail(lead, { subjectId: "k2" }, "json");
    const body = JSON.parse(file.content) as { isTruncated: boolean; events: Record<string, unknown>[] };
    expect(body.isTruncated).toBe(false);
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({
      action: "keys.retire",
      subjectId: "k2",
      after: { reason: "broken" },
    });
    expect(body.events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof body.events[0]!.prevHash).toBe("string");
  });

  it("records each export in the trail: who, which filter, how many events — and the chain still verifies", async () => {
    const exports = await services.audit.list({ action: "audit.export" }, { pageSize: 10 });
    expect(exports.items.map((e) => e.after)).toEqual([
      { format: "json", filter: { subjectId: "k2" }, rows: 1, isTruncated: false },
      { format: "csv", filter: { action: "keys.assign" }, rows: 2, isTruncated: false },
    ]);
    expect(exports.items.every((e) => e.actorId === "lead-1" && e.requestId.startsWith("req-export-b"))).toBe(
      true,
    );
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it("an export that matches nothing is an empty file with its header, and is still recorded", async () => {
    const file = await services.audit.exportTrail(lead, { action: "nothing.like.this" }, "csv");
    expect(file.rows).toBe(0);
    expect(file.content.split("\r\n").filter(Boolean)).toHaveLength(1);
    const last = await services.audit.list({ action: "audit.export" }, { pageSize: 1 });
    expect(last.items[0]!.after).toMatchObject({ filter: { action: "nothing.like.this" }, rows: 0 });
  });
});
