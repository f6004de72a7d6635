import { describe, expect, it } from "vitest";
import { crossSiteReason, needsCsrfCheck, ownHosts } from "./csrf";

const own = ["localhost:3000", "keyfleet.example.com"];
const h = (init: Record<string, string>) => new Headers(init);

describe("CSRF check", () => {
  it("applies to state-changing API requests except next-auth's (which has its own token, and takes the IdP's form_post)", () => {
    expect(needsCsrfCheck("POST", "/api/trpc/cases.open")).toBe(true);
    expect(needsCsrfCheck("DELETE", "/api/anything")).toBe(true);
    expect(needsCsrfCheck("GET", "/api/trpc/cases.list")).toBe(false);
    expect(needsCsrfCheck("POST", "/api/auth/callback/oidc")).toBe(false);
    expect(needsCsrfCheck("POST", "/signin")).toBe(false); // server actions: Next.js checks their Origin
  });

  it("refuses what the browser marks as cross-site or same-site, and accepts same-origin", () => {
    expect(
      crossSiteReason(h({ "sec-fetch-site": "cross-site", origin: "http://localhost:3000" }), own),
    ).toMatch(/cross-site/);
    expect(crossSiteReason(h({ "sec-fetch-site": "same-site" }), own)).toMatch(/same-site/);
    expect(crossSiteReason(h({ "sec-fetch-site": "same-origin" }), own)).toBeNull();
  });

  it("falls back to Origin when the browser sends no Sec-Fetch-Site", () => {
    expect(crossSiteReason(h({ origin: "https://evil.example" }), own)).toMatch(/evil\.example/);
    expect(crossSiteReason(h({ origin: "null" }), own)).toMatch(/null/);
    expect(crossSiteReason(h({ origin: "https://keyfleet.example.com" }), own)).toBeNull();
  });

  it("lets non-browser clients through: without Origin or Sec-Fetch-Site there is no ambient cookie to abuse", () => {
    expect(crossSiteReason(h({}), own)).toBeNull();
  });

  it("knows the portal by its Host, forwarded host and public URL", () => {
    expect(
      ownHosts(
        h({ host: "10.0.0.5:3000", "x-forwarded-host": "keyfleet.example.com" }),
        "https://kf.example.org",
      ),
    ).toEqual(["keyfleet.example.com", "10.0.0.5:3000", "kf.example.org"]);
  });
});
