import { describe, expect, it } from "vitest";
import { can, roles } from "@/server/auth/permissions";
import { listProcedures } from "@/server/trpc/testing";

// Registering a key in someone's name is a helpdesk act: helpdesk and admin only. (The RBAC matrix walks
// every enrollment procedure for every role; this pins who holds the permission they name.)

describe("enrollment permission", () => {
  it("enrollment.write is held by helpdesk and admin, and by nobody else", () => {
    expect(roles.filter((r) => can([r], "enrollment.write"))).toEqual(["helpdesk", "admin"]);
  });

  it("every enrollment procedure names enrollment.write, but the link share the rollout dashboard reads", () => {
    const procs = listProcedures().filter(
      (p) => p.path.startsWith("enrollment.") && p.path !== "enrollment.linkShare",
    );
    expect(listProcedures().find((p) => p.path === "enrollment.linkShare")?.permission).toBe("rollout.read");
    expect(procs.map((p) => p.path).sort()).toEqual([
      "enrollment.complete",
      "enrollment.confirm",
      "enrollment.createQueue",
      "enrollment.endWatch",
      "enrollment.issuePass",
      "enrollment.queue",
      "enrollment.queues",
      "enrollment.sheet",
      "enrollment.skip",
      "enrollment.sources",
      "enrollment.start",
      "enrollment.watch",
    ]);
    expect(new Set(procs.map((p) => p.permission))).toEqual(new Set(["enrollment.write"]));
  });
});
