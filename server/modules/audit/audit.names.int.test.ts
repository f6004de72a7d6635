import { describe, expect, it, vi } from "vitest";
import { agent } from "@/server/modules/assignment/testing";
import { db, key, s, useAssignmentDatabase } from "@/server/modules/assignment/assignment.testing";
import { makeAuditRepository } from "./audit.repository";
import { makeAuditService } from "./audit.service";

// The audit page's reading of the trail: subjects by name with a link, changes in words, names read once
// per page, and the filter pickers by name. The raw record stays raw (export, chain).

useAssignmentDatabase();

/** The audit service over a repository whose name lookups are counted. */
function countedAudit() {
  const repo = makeAuditRepository();
  const subjectNames = vi.fn(repo.subjectNames);
  return { audit: makeAuditService({ uow: s.uow, repo: { ...repo, subjectNames } }), subjectNames };
}

describe("audit trail in words", () => {
  it("names a key and its new holder, shows the status change in words, and hides the version counter", async () => {
    const k = await key();
    const serial = (await db.prisma.securityKey.findUniqueOrThrow({ where: { id: k } })).serial;
    await s.assignment.assign(agent, {
      userId: "u1",
      keys: [{ keyId: k, kind: "primary" }],
      handover: { method: "in_person" },
    });
    const { audit } = countedAudit();
    const [e] = (await audit.list({ subjectType: "SecurityKey", subjectId: k }, { pageSize: 10 })).items;
    expect(e).toMatchObject({ subjectKind: "Key", subjectName: serial, subjectHref: `/keys/${k}` });
    expect(e!.changes).toContainEqual({ field: "Status", before: "in stock", after: "assigned" });
    expect(e!.changes).toContainEqual({ field: "Holder", before: null, after: "Ann Lee" });
    expect(e!.changes.map((c) => c.field)).not.toContain("Version");
    // The record itself is untouched: ids, not names.
    expect(e!.after).toMatchObject({ status: "assigned", custodianId: "u1" });
  });

  it("reads every name on a page in one call however many events it holds, and shows a vanished subject's id plainly", async () => {
    const keys = await Promise.all(Array.from({ length: 12 }, () => key()));
    await s.uow.run(async (tx) => {
      for (const k of keys)
        await s.audit.record(tx, agent, {
          action: "test.names",
          subjectType: "SecurityKey",
          subjectId: k,
          after: { custodianId: "u2" },
        });
      await s.audit.record(tx, agent, {
        action: "test.names",
        subjectType: "DirectoryUser",
        subjectId: "no-such-user",
        after: { note: "left" },
      });
    });
    const { audit, subjectNames } = countedAudit();
    const page = await audit.list({ action: "test.names" }, { pageSize: 50 });
    expect(page.items).toHaveLength(13);
    expect(subjectNames).toHaveBeenCalledTimes(1);
    const gone = page.items.find((i) => i.subjectId === "no-such-user")!;
    expect(gone).toMatchObject({ subjectKind: "Person", subjectName: null, subjectHref: null });
    expect(
      page.items
        .filter((i) => i.subjectType === "SecurityKey")
        .every((i) => i.subjectName?.startsWith("YK-")),
    ).toBe(true);
    expect(page.items.find((i) => i.subjectType === "SecurityKey")!.changes).toEqual([
      { field: "Holder", before: null, after: "Ben Ng" },
    ]);
  });

  it("keeps the raw record in the export", async () => {
    const file = await s.audit.exportTrail(agent, { action: "keys.assign" }, "json");
    const [e] = (JSON.parse(file.content) as { events: { before: unknown; after: unknown }[] }).events;
    expect(e!.before).toMatchObject({ status: "in_stock", custodianId: null, version: 0 });
    expect(e!.after).toMatchObject({ status: "assigned", custodianId: "u1" });
    expect(file.content).not.toContain("Ann Lee");
    expect(file.content).not.toContain("in stock");
  });

  it("finds actors and subjects by name for the filter pickers, and names the ones a filter holds", async () => {
    expect(await s.audit.pickActors("ada ag")).toEqual([
      { id: "agent-1", name: "Ada Agent", role: "helpdesk" },
    ]);
    expect(await s.audit.pickActors("nobody-here")).toEqual([]);
    const hits = await s.audit.pickSubjects("ann");
    expect(hits).toContainEqual({ subjectType: "DirectoryUser", id: "u1", name: "Ann Lee", kind: "Person" });
    expect(hits.some((h) => h.id === "u2")).toBe(false);
    const page = await s.audit.list(
      { actorId: "agent-1", subjectType: "DirectoryUser", subjectId: "u1" },
      { pageSize: 5 },
    );
    expect(page.applied).toEqual({ actor: "Ada Agent", subject: "Ann Lee" });
    expect(page.items.every((i) => i.actorId === "agent-1" && i.subjectId === "u1")).toBe(true);
    expect((await s.audit.list({ actorId: "no-one" }, { pageSize: 5 })).applied).toEqual({
      actor: null,
      subject: null,
    });
  });

  it("names a setting in words, never by its key", async () => {
    await s.uow.run((tx) =>
      s.audit.record(tx, agent, {
        action: "settings.change",
        subjectType: "Setting",
        subjectId: "assignment.followUpDays",
        before: 14,
        after: 21,
      }),
    );
    const [e] = (await s.audit.list({ action: "settings.change" }, { pageSize: 1 })).items;
    expect(e).toMatchObject({ subjectName: "Days before an unused assignment is followed up" });
    expect(e!.changes).toEqual([{ field: "Value", before: "14", after: "21" }]);
  });

  it("names a staff member as a subject by the name the trail knows them by", async () => {
    await s.uow.run((tx) =>
      s.audit.record(tx, agent, { action: "auth.signin", subjectType: "StaffUser", subjectId: "agent-1" }),
    );
    const [e] = (await s.audit.list({ action: "auth.signin" }, { pageSize: 1 })).items;
    expect(e).toMatchObject({ subjectKind: "Staff member", subjectName: "Ada Agent", subjectHref: null });
  });
});
