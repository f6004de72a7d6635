import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { securityProxy } from "./proxy";

// The proxy as Next.js runs it: a NextRequest in, a NextResponse out (next() passes the request on).

const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(`http://localhost:3000${path}`, {
    method: init.method ?? "GET",
    headers: { host: "localhost:3000", ...init.headers },
  });
const passedOn = (r: Response) => r.headers.get("x-middleware-next") === "1";

describe("security proxy", () => {
  it("gives each page a fresh nonce, in its CSP and in the CSP Next.js reads from the request", () => {
    const a = securityProxy(request("/keys"));
    const b = securityProxy(request("/keys"));
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    const nonce = nonceOf(a.headers.get("content-security-policy"));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(b.headers.get("content-security-policy"))).not.toBe(nonce);
    expect(nonceOf(a.headers.get("x-middleware-request-content-security-policy"))).toBe(nonce);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(passedOn(a)).toBe(true);
  });

  it("refuses a cross-site POST to the API with 403 before it reaches tRPC", async () => {
    const r = securityProxy(
      request("/api/trpc/cases.open", {
        method: "POST",
        headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      }),
    );
    expect(r.status).toBe(403);
    expect(passedOn(r)).toBe(false);
    expect(await r.json()).toEqual({ error: { code: "FORBIDDEN", message: "Cross-site request refused." } });
  });

  it("passes a same-origin POST, and next-auth's callback even when the identity provider posts it cross-site", () => {
    expect(
      passedOn(
        securityProxy(
          request("/api/trpc/cases.open", {
            method: "POST",
            headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
          }),
        ),
      ),
    ).toBe(true);
    expect(
      passedOn(
        securityProxy(
          request("/api/auth/callback/oidc", {
            method: "POST",
            headers: { origin: "https://login.example", "sec-fetch-site": "cross-site" },
          }),
        ),
      ),
    ).toBe(true);
  });

  it("gives API responses a CSP that loads nothing and no nonce", () => {
    const r = securityProxy(request("/api/health"));
    expect(r.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(r.headers.get("x-middleware-request-content-security-policy")).toBeNull();
  });
});
