import { describe, expect, it } from "vitest";
import { isLive, shownTapState } from "./tap-shown-state";

const t0 = new Date("2026-12-06T12:00:00Z");
const at = (m: number) => new Date(t0.getTime() + m * 60_000);

describe("the pass badge on an open user page", () => {
  it("an active pass whose expiry has passed since the render reads 'expired' without a reload", () => {
    const pass = { state: "active" as const, startAt: at(-10), expiresAt: at(50) };
    expect(shownTapState(pass, at(49))).toBe("active");
    expect(shownTapState(pass, at(50))).toBe("expired");
  });

  it("a scheduled pass becomes active at its start, then expired", () => {
    const pass = { state: "scheduled" as const, startAt: at(5), expiresAt: at(65) };
    expect(shownTapState(pass, t0)).toBe("scheduled");
    expect(shownTapState(pass, at(5))).toBe("active");
    expect(shownTapState(pass, at(70))).toBe("expired");
  });

  it("used and revoked passes never come back to life on the clock", () => {
    expect(shownTapState({ state: "used", startAt: at(-10), expiresAt: at(50) }, t0)).toBe("used");
    expect(shownTapState({ state: "revoked", startAt: at(-10), expiresAt: at(50) }, t0)).toBe("revoked");
    expect([isLive("used"), isLive("revoked"), isLive("expired"), isLive("active")]).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});
