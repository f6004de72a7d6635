import { describe, expect, it } from "vitest";
import { redact } from "./logger";

describe("log redaction", () => {
  it("redacts secret-bearing keys at any depth and keeps the rest", () => {
    const out = redact({
      user: "u1",
      temporaryAccessPass: "Xy7+abcd",
      nested: { access_token: "eyJ…", list: [{ clientSecret: "s" }] },
    });
    expect(out).toEqual({
      user: "u1",
      temporaryAccessPass: "[redacted]",
      nested: { access_token: "[redacted]", list: [{ clientSecret: "[redacted]" }] },
    });
    expect(JSON.stringify(out)).not.toContain("Xy7+abcd");
  });
});
