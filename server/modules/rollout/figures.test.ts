import { describe, expect, it } from "vitest";
import { aaguidRule } from "./policy-rule";
import { classifySignIn } from "./sign-ins";
import { percentile, registrationBuckets, share, weekStarts } from "./figures";
import { isoDay } from "@/server/lib/time";

describe("figures", () => {
  it("puts registration times in day buckets with inclusive upper bounds, the waiting last", () => {
    const b = registrationBuckets(
      [
        { days: 0, users: 2 },
        { days: 1, users: 1 },
        { days: 3, users: 4 },
        { days: 61, users: 1 },
      ],
      5,
    );
    expect(b.map((x) => x.users)).toEqual([3, 4, 0, 0, 0, 0, 1, 5]);
    expect(b.at(-1)!.key).toBe("waiting");
  });

  it("takes the nearest-rank percentile of a grouped distribution, null when empty", () => {
    const rows = [
      { days: 10, users: 1 },
      { days: 2, users: 3 },
    ];
    expect(percentile(rows, 0.5)).toBe(2);
    expect(percentile(rows, 0.9)).toBe(10);
    expect(percentile([], 0.5)).toBeNull();
  });

  it("gives the phishing-resistant share to one decimal, none without sign-ins", () => {
    expect(share({ phishingResistant: 1, password: 2, other: 0 })).toMatchObject({ total: 3, share: 33.3 });
    expect(share(undefined)).toMatchObject({ total: 0, share: null });
  });

  it("lists the Mondays of the last n weeks ending with this week's", () => {
    const weeks = weekStarts(new Date("2026-06-14T23:00:00Z"), 2); // a Sunday
    expect(weeks.map((w) => isoDay(w))).toEqual(["2026-06-01", "2026-06-08"]);
  });
});

describe("classifySignIn", () => {
  const of = (...methods: string[]) =>
    classifySignIn({
      authenticationDetails: methods.map((m) => ({ authenticationMethod: m, succeeded: true })),
    });
  it("counts any phishing-resistant step as phishing-resistant", () => {
    expect(of("FIDO2 security key")).toBe("phishingResistant");
    expect(of("Passkey (device-bound)")).toBe("phishingResistant");
    expect(of("Password", "Windows Hello for Business")).toBe("phishingResistant");
    expect(of("X.509 Certificate")).toBe("phishingResistant");
  });
  it("counts a password with weaker factors as password, and passwordless phone sign-in or a TAP as other", () => {
    expect(of("Password", "Text message")).toBe("password");
    expect(of("Passwordless phone sign-in")).toBe("other");
    expect(of("Temporary Access Pass")).toBe("other");
    expect(of("Previously satisfied")).toBe("other");
  });
  it("ignores failed steps and falls back to authenticationMethodsUsed without details", () => {
    expect(
      classifySignIn({
        authenticationDetails: [
          { authenticationMethod: "FIDO2 security key", succeeded: false },
          { authenticationMethod: "Password", succeeded: true },
        ],
      }),
    ).toBe("password");
    expect(classifySignIn({ authenticationDetails: [], authenticationMethodsUsed: ["FIDO"] })).toBe(
      "phishingResistant",
    );
  });
});

describe("aaguidRule", () => {
  const restriction = (enforcementType: string, aaGuids: string[], isEnforced = true) => ({
    isEnforced,
    enforcementType,
    aaGuids,
  });
  it("reads the legacy key restrictions on tenants without passkey profiles", () => {
    expect(aaguidRule({ passkeyProfiles: [], keyRestrictions: restriction("block", ["AB-CD"]) })).toEqual({
      kind: "block",
      aaguids: ["ab-cd"],
      allowsSynced: true,
    });
    expect(
      aaguidRule({ passkeyProfiles: [], keyRestrictions: restriction("allow", ["x"], false) }),
    ).toBeNull();
  });
  it("reads the default passkey profile on migrated tenants, synced passkeys refused unless listed", () => {
    const policy = {
      defaultPasskeyProfile: "p2",
      passkeyProfiles: [
        { id: "p1", passkeyTypes: "deviceBound,synced" },
        { id: "p2", passkeyTypes: "deviceBound", keyRestrictions: restriction("allow", ["A"]) },
      ],
    };
    expect(aaguidRule(policy)).toEqual({ kind: "allow", aaguids: ["a"], allowsSynced: false });
    expect(
      aaguidRule({
        defaultPasskeyProfile: "p1",
        passkeyProfiles: [{ id: "p1", passkeyTypes: "deviceBound,synced" }],
      }),
    ).toBeNull();
  });
  it("is null without a policy", () => {
    expect(aaguidRule(null)).toBeNull();
  });
});
