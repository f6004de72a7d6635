import { describe, expect, it } from "vitest";
import {
  defaultRecoveryPolicy,
  type RecoveryPolicy,
} from "@/server/modules/settings/recovery-policy.schemas";
import { requirementsFor, tooWeakMessage } from "./requirements";

// The identity rule in words (issue 13): one check at least as strong as the user's level; checks do not
// add up, so a weaker method is never described as a way to get there.

const policy: RecoveryPolicy = {
  ...defaultRecoveryPolicy,
  methods: [
    { method: "callback", isAllowed: true, strength: 2 },
    { method: "manager_confirmation", isAllowed: true, strength: 2 },
    { method: "video_id", isAllowed: true, strength: 3 },
    { method: "in_person", isAllowed: false, strength: 4 },
  ],
  requiredStrength: 2,
  privilegedRequiredStrength: 3,
};

describe("requirementsFor: the identity rule for one user, in words", () => {
  it("a normal user: strength 2 of 1–5, every allowed method accepted, no approval, no 'not enough'", () => {
    const r = requirementsFor(policy, false);
    expect(r.requiredStrength).toBe(2);
    expect(r.needsApproval).toBe(false);
    expect(r.methods.map((m) => [m.method, m.isSufficient])).toEqual([
      ["callback", true],
      ["manager_confirmation", true],
      ["video_id", true],
    ]);
    expect(r.summary).toContain("strength 2 or more on the policy's scale of 1 (weakest) to 5 (strongest)");
    expect(r.summary).toContain("a callback to the number on record");
    expect(r.summary).not.toMatch(/not enough|Privileged user|combine/);
    expect(r.summary).not.toContain("in person"); // not allowed by this policy: not offered
  });

  it("a privileged user: strength 3, why, only the video call accepted, callback and manager named as not enough even together", () => {
    const r = requirementsFor(policy, true);
    expect(r.requiredStrength).toBe(3);
    expect(r.needsApproval).toBe(true);
    expect(r.methods.filter((m) => m.isSufficient).map((m) => m.method)).toEqual(["video_id"]);
    expect(r.summary).toContain("Privileged user");
    expect(r.summary).toContain("higher than the 2 everyone else needs");
    expect(r.summary).toContain("can change the organisation's settings");
    expect(r.summary).toContain("Accepted: a video call with ID.");
    expect(r.summary).toContain(
      "A callback to the number on record, or confirmation by their manager are not enough for this user, even together",
    );
    expect(r.summary).not.toMatch(/combine/i);
  });

  it("no allowed method reaches the level: says so and names where an admin changes it", () => {
    const r = requirementsFor({ ...policy, privilegedRequiredStrength: 5 }, true);
    expect(r.methods.some((m) => m.isSufficient)).toBe(false);
    expect(r.summary).toContain("No method the policy allows is that strong");
    expect(r.summary).toContain("Settings → Recovery policy");
    expect(r.summary).not.toContain("Accepted:");
  });

  it("the refusal names the user, the level and what to do instead", () => {
    const r = requirementsFor(policy, true);
    const m = tooWeakMessage(r, "callback", "Grace Hopper", true);
    expect(m).toBe(
      "A callback to the number on record (strength 2) is not enough to verify Grace Hopper: as a privileged user they need one check of strength 3 or more, and checks do not add up. Verify them by a video call with ID and record that instead.",
    );
  });
});
