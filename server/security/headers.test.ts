import { describe, expect, it } from "vitest";
import { headerPolicy, pageCsp, securityHeaders } from "./headers";

const demo = headerPolicy({ NODE_ENV: "production", isDemo: true });
const production = headerPolicy({
  NODE_ENV: "production",
  isDemo: false,
  AUTH_URL: "https://keyfleet.example.com",
  AUTH_OIDC_ISSUER: "https://login.microsoftonline.com/t/v2.0",
});

describe("page CSP", () => {
  it("lets scripts run only with the nonce (no 'unsafe-inline' or 'unsafe-eval' for scripts) and forbids framing", () => {
    const csp = pageCsp("abc123", demo);
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests"); // demo runs on http://localhost
  });

  it("in production upgrades stray http requests and lets the sign-in form go to the identity provider", () => {
    const csp = pageCsp("n", production);
    expect(csp).toContain("upgrade-insecure-requests");
    expect(csp).toContain("form-action 'self' https://login.microsoftonline.com");
  });

  it("allows eval and the dev server's websocket only under next dev", () => {
    const dev = pageCsp("n", headerPolicy({ NODE_ENV: "development", isDemo: true }));
    expect(dev).toContain("'unsafe-eval'");
    expect(pageCsp("n", production)).not.toContain("unsafe-eval");
  });
});

describe("security headers", () => {
  it("send HSTS in production only, never in demo over http", () => {
    expect(securityHeaders(production)["Strict-Transport-Security"]).toMatch(
      /^max-age=\d{8}; includeSubDomains$/,
    );
    expect(securityHeaders(demo)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders(headerPolicy({ NODE_ENV: "development", isDemo: false }))).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });

  it("set nosniff, a referrer policy, deny framing and switch off browser features the portal never uses", () => {
    expect(securityHeaders(demo)).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": expect.stringContaining("camera=()"),
    });
  });
});
