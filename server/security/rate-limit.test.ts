import { describe, expect, it } from "vitest";
import { clientAddress } from "./rate-limit";

describe("client address", () => {
  it("behind a trusted proxy (TRUST_PROXY=true) is the hop the nearest proxy appended, not what the client claims first", () => {
    const trusted = { trustProxy: true };
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }), trusted)).toBe("10.0.0.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }), trusted)).toBe("127.0.0.1");
    expect(clientAddress(new Headers(), trusted)).toBe("unknown");
  });

  it("without a trusted proxy never takes an address from the request's headers", () => {
    // No socket stamp in this process (see peer-address.test.ts for the stamped case): one shared bucket.
    const untrusted = { trustProxy: false };
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }), untrusted)).toBe("direct");
    expect(clientAddress(new Headers({ "x-real-ip": "10.0.0.8" }), untrusted)).toBe("direct");
    expect(clientAddress(new Headers({ "x-keyfleet-peer": "10.0.0.9" }), untrusted)).toBe("direct");
  });
});
