import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import {
  allowedPages,
  demoUrl,
  mainNav,
  oidcAppUrl,
  pageWalkTimeout,
  personas,
  signInAsPersona,
} from "./fixtures";
import { signInRule } from "@/server/security/rate-limit";

// Web security of the running app: headers (CSP with a per-response nonce, no inline scripts, no
// framing, HSTS only in production), cookie flags, refusal of cross-site writes, the sign-in rate
// limit, and pages that still hydrate under the CSP without a single violation.

const admin = personas.find((p) => p.roles.includes("admin"))!;
const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

test("pages carry a nonce CSP without 'unsafe-inline' scripts, forbid framing, and every script has the nonce", async ({
  page,
}) => {
  const response = (await page.goto("/signin"))!;
  const headers = response.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(directive(csp, "script-src"))?.[1];
  expect(nonce).toBeTruthy();
  expect(directive(csp, "script-src")).not.toContain("unsafe-inline");
  expect(directive(csp, "script-src")).not.toContain("unsafe-eval");
  expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Demo runs on http://localhost: pinning https there would lock the browser out of it.
  expect(headers["strict-transport-security"]).toBeUndefined();

  const scriptNonces = await page
    .locator("script")
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  // A fresh nonce per response.
  const again = (await page.request.get("/signin")).headers()["content-security-policy"]!;
  expect(again).not.toContain(`'nonce-${nonce}'`);
});

test("production (identity provider configured) sends HSTS; API responses load nothing", async ({
  request,
}) => {
  const prod = await request.get(`${oidcAppUrl()}/signin`);
  expect(prod.headers()["strict-transport-security"]).toMatch(/^max-age=\d+; includeSubDomains$/);
  const api = await request.get(`${demoUrl()}/api/health`);
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("the session cookie is HttpOnly and SameSite=Lax, and not readable from page scripts", async ({
  page,
  context,
}) => {
  await signInAsPersona(page, admin);
  const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"))!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("sign-out ends the session on the server: a copy of the cookie taken before it is signed out", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsPersona(page, admin);
  const lifted = await context.cookies(); // what someone copies from the browser while it is signed in
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/signin");

  const thief = await browser.newContext();
  await thief.addCookies(lifted);
  const other = await thief.newPage();
  await other.goto(`${demoUrl()}/keys`);
  await expect(other).toHaveURL(`${demoUrl()}/signin`);
  await expect(other.getByTestId("actor-name")).toHaveCount(0);
  await Promise.all([context.close(), thief.close()]);
});

test("anonymous /api/health says only the status; signed-in staff also see version, database and Graph mode", async ({
  page,
  playwright,
}) => {
  const anonymous = await playwright.request.newContext();
  const answer = await anonymous.get(`${demoUrl()}/api/health`);
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ status: "ok" });
  await anonymous.dispose();

  await signInAsPersona(page, admin);
  // The sidebar's note states both modes as they are.
  await expect(page.getByTestId("demo-mode-note")).toContainText("Sign-in: Demo personas");
  await expect(page.getByTestId("demo-mode-note")).toContainText("Graph: Simulated tenant");
  const staff = await page.request.get(`${demoUrl()}/api/health`);
  expect(await staff.json()).toMatchObject({
    status: "ok",
    databaseStatus: "ok",
    database: "pglite",
    graph: "simulated",
    mode: "demo",
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
  });
});

test("a cross-site write to the API is refused before tRPC sees it; the same request from the portal gets through", async ({
  page,
}) => {
  await signInAsPersona(page, admin);
  const body = { json: { name: "" } }; // invalid on purpose: nothing is created either way
  const url = "/api/trpc/inventory.createSite";
  const crossSite = await page.request.post(url, {
    data: body,
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.json()).toEqual({
    error: { code: "FORBIDDEN", message: "Cross-site request refused." },
  });
  const sameSite = await page.request.post(url, {
    data: body,
    headers: { origin: "http://evil.localhost:1", "sec-fetch-site": "same-site" },
  });
  expect(sameSite.status()).toBe(403);
  const ours = await page.request.post(url, {
    data: body,
    headers: { origin: demoUrl(), "sec-fetch-site": "same-origin" },
  });
  expect(ours.status()).toBe(400); // reached tRPC, which refused the empty name
});

test("sign-in is rate-limited per address: past the limit the endpoint says 429 and the page says why", async ({
  browser,
}) => {
  // Its own address (as a proxy would forward it), so the other journeys' sign-ins are not counted here.
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `10.77.${Date.now() % 250}.${Math.floor(Math.random() * 250)}` },
  });
  const page = await context.newPage();
  const attempt = () =>
    context.request.post(`${demoUrl()}/api/auth/callback/demo`, {
      form: { persona: "nobody" },
      maxRedirects: 0,
    });
  // The bucket refills one attempt every refillMs, so on a slow machine a burst may pass a few more than
  // the limit: never fewer, and never more than the time it took explains.
  const refillMs = signInRule.windowMs / signInRule.limit;
  const started = Date.now();
  let passed = 0;
  let limited = await attempt();
  while (limited.status() !== 429 && passed <= 2 * signInRule.limit) {
    passed++;
    limited = await attempt();
  }
  expect(limited.status()).toBe(429);
  expect(passed).toBeGreaterThanOrEqual(signInRule.limit);
  expect(passed).toBeLessThanOrEqual(signInRule.limit + Math.ceil((Date.now() - started) / refillMs));
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);

  // The page: the click past the limit comes back to sign-in saying why. Meanwhile four loops of
  // attempts keep the bucket empty, so a refilled attempt is taken within a few tens of milliseconds.
  // If the click takes one first anyway (the admin is signed in: the refill, not the limit failing),
  // sign out and click again, a few times at most.
  let draining = true;
  const drain = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (draining) await attempt();
    }),
  );
  try {
    for (let tries = 1; ; tries++) {
      await page.goto(`${demoUrl()}/signin`);
      await page.locator(`button[name="persona"][value="${admin.id}"]`).click();
      await page.waitForURL((url) => url.pathname === "/" || url.searchParams.has("error"));
      if (new URL(page.url()).pathname !== "/" || tries === 4) break;
      await context.clearCookies();
    }
  } finally {
    draining = false;
    await drain;
  }
  await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in attempts" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin\?error=RateLimited$/);
  await context.close();
});

/** A sign-in attempt from a loopback address of our choosing (127.0.0.0/8), so no other journey shares its bucket. */
function attemptFrom(origin: string, localAddress: string, headers: Record<string, string>): Promise<number> {
  const url = new URL("/api/auth/signin/oidc", origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: url.port, path: url.pathname, method: "POST", localAddress, headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("with no trusted proxy, a forged X-Forwarded-For per attempt does not escape the sign-in limit", async () => {
  // The identity-provider instance runs without TRUST_PROXY: the limit keys on the connection's address.
  const from = `127.0.${Math.floor(Math.random() * 200) + 20}.${Math.floor(Math.random() * 250) + 2}`;
  const statuses: number[] = [];
  const started = Date.now();
  for (let i = 0; i < 2 * signInRule.limit && !statuses.includes(429); i++) {
    statuses.push(
      await attemptFrom(oidcAppUrl(), from, {
        "x-forwarded-for": `198.51.100.${i}`,
        "x-real-ip": `198.51.100.${i}`,
      }),
    );
  }
  expect(statuses.at(-1)).toBe(429);
  const passed = statuses.length - 1;
  expect(passed).toBeGreaterThanOrEqual(signInRule.limit);
  expect(passed).toBeLessThanOrEqual(
    signInRule.limit + Math.ceil((Date.now() - started) / (signInRule.windowMs / signInRule.limit)),
  );
  // Keyed on the connection's own address (not one bucket for everyone): another address still gets through.
  const [a, b, c] = from.split(".").slice(1).map(Number) as [number, number, number];
  expect(await attemptFrom(oidcAppUrl(), `127.${a}.${b}.${c === 254 ? 253 : c + 1}`, {})).not.toBe(429);
});

async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text()))
      violations.push(m.text());
  });
  return violations;
}

test("markup injected into a page cannot run script: the CSP blocks it and the browser reports it", async ({
  page,
}) => {
  const violations = await collectCspViolations(page);
  await page.goto("/signin");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img src="/missing.png" onerror="window.__injected = true">`,
    );
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("every page of the portal hydrates under the CSP with no violation (client navigation works)", async ({
  page,
}) => {
  test.setTimeout(pageWalkTimeout(allowedPages(admin.roles).length));
  const violations = await collectCspViolations(page);
  await signInAsPersona(page, admin);
  for (const item of allowedPages(admin.roles)) {
    // Client-side navigation through the sidebar only works once React has hydrated.
    await mainNav(page).getByRole("link", { name: item.label }).click();
    await expect(mainNav(page).getByRole("link", { name: item.label })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await page.goto("/does-not-exist");
  await page.goto("/no-access");
  expect(violations).toEqual([]);
});
