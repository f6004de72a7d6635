import { describe, expect, it } from "vitest";
import { auditActionName } from "./action-names.constants";

describe("audit action names", () => {
  it("names the key actions as the reviewers asked: 'keys.assign' reads 'Key assigned'", () => {
    expect(auditActionName("keys.assign")).toBe("Key assigned");
    expect(auditActionName("keys.mark_lost")).toBe("Key marked lost");
    expect(auditActionName("auth.signin")).toBe("Signed in");
    expect(auditActionName("sync.full.requested")).toBe("Full sync started");
  });

  it("never shows a dotted code or an underscore, even for a code nobody named", () => {
    for (const code of [
      "cases.run_step",
      "something.new_thing.here",
      "keys.assign",
      "tap.issue.unknown_outcome",
    ]) {
      const name = auditActionName(code);
      expect(name).not.toMatch(/[._]/);
      expect(name).not.toBe(code);
    }
    expect(auditActionName("cases.run_step")).toBe("Cases: run step");
  });
});
