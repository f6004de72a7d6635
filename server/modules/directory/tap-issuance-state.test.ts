import { describe, expect, it } from "vitest";
import { tapIssuanceStates } from "./tap-issuance-state";
import { listedTap } from "./tap-listing.testing";

const now = new Date("2026-12-06T12:00:00Z");
const min = (m: number) => new Date(now.getTime() + m * 60_000);
const pass = (over: Partial<Parameters<typeof tapIssuanceStates>[0][number]> = {}) => ({
  graphMethodId: "tap-1",
  startAt: min(-10),
  expiresAt: min(50),
  revokedAt: null,
  ...over,
});
const listed = (isUsable: boolean, methodUsabilityReason: string) => ({
  entraTaps: [listedTap("tap-1", min(-10), { isUsable, methodUsabilityReason })],
  entraTapsReadAt: min(-1),
});
const none = { entraTaps: null, entraTapsReadAt: null };

describe("a KeyFleet-issued pass's state on the user page", () => {
  it("a one-time pass Entra lists as spent (OneTimeUsed) is 'used', not 'active', before its expiry", () => {
    expect(tapIssuanceStates([pass()], listed(false, "OneTimeUsed"), now)).toEqual(["used"]);
  });

  it("a pass Entra still lists as usable stays 'active'; so does one Entra has not been asked about", () => {
    expect(tapIssuanceStates([pass()], listed(true, "EnabledByPolicy"), now)).toEqual(["active"]);
    expect(tapIssuanceStates([pass()], none, now)).toEqual(["active"]);
  });

  it("expiry, revocation and a future start are computed from our record, whatever Entra last said", () => {
    expect(tapIssuanceStates([pass({ expiresAt: now })], listed(true, "EnabledByPolicy"), now)).toEqual([
      "expired",
    ]);
    expect(tapIssuanceStates([pass({ revokedAt: min(-1) })], listed(false, "OneTimeUsed"), now)).toEqual([
      "revoked",
    ]);
    expect(tapIssuanceStates([pass({ startAt: min(5) })], none, now)).toEqual(["scheduled"]);
    expect(tapIssuanceStates([pass()], listed(false, "Expired"), now)).toEqual(["expired"]);
  });

  it("Entra's listing of another pass does not change this one", () => {
    expect(tapIssuanceStates([pass({ graphMethodId: "tap-2" })], listed(false, "OneTimeUsed"), now)).toEqual([
      "active",
    ]);
    expect(tapIssuanceStates([pass({ graphMethodId: null })], listed(false, "OneTimeUsed"), now)).toEqual([
      "active",
    ]);
  });
});
