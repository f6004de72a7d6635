import { expect, test, type Page } from "@playwright/test";
import { expectNavigation, oidcAppUrl, oidcIssuer, screenshotPath } from "./fixtures";
import { oidcAccounts, type OidcAccountId } from "./support/oidc-provider";
import { rolesFromClaims } from "@/server/auth/permissions";

// Journey: staff sign in through a real OpenID Connect flow (authorization code + PKCE) against a local
// provider standing in for Entra ID; portal roles come from the ID token's app roles.

test.use({ baseURL: process.env.E2E_OIDC_APP_URL });

test.beforeEach(async ({ page }) => {
  // The provider's development login page imports a web font; there is no internet here.
  await page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
});

async function signInThroughProvider(page: Page, login: OidcAccountId) {
  await page.goto("/signin");
  await page.getByRole("button", { name: /Sign in with Contoso Entra ID/ }).click();
  // The provider's own login form, on the issuer's origin.
  await page.waitForURL((url) => url.origin === oidcIssuer());
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.origin === oidcAppUrl());
}

test("with an identity provider configured, no demo personas are offered and the demo provider does not exist", async ({
  page,
  request,
}) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: /Sign in with Contoso Entra ID/ })).toBeVisible();
  await expect(page.locator('button[name="persona"]')).toHaveCount(0);
  await expect(page.getByText("Demo mode")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("signin-oidc") });

  const providers = (await (await request.get("/api/auth/providers")).json()) as Record<string, unknown>;
  expect(Object.keys(providers)).toEqual(["oidc"]);
});

test("a Security app role in the ID token signs in to the Security navigation", async ({ page }) => {
  await signInThroughProvider(page, "security.lead");
  await expect(page).toHaveURL(`${oidcAppUrl()}/`);
  // A production deployment: the session cookie is Secure (with its __Secure- name), HttpOnly and Lax.
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({
    name: "__Secure-authjs.session-token",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
  });
  await expect(page.getByTestId("actor-name")).toHaveText(oidcAccounts["security.lead"].name);
  await expect(page.getByTestId("actor-roles")).toHaveText("security");
  await expectNavigation(page, rolesFromClaims(oidcAccounts["security.lead"].roles));
  await page.screenshot({ path: screenshotPath("shell-oidc-security") });

  // Settings shows the real sign-in configuration (the issuer, never a secret).
  await page.goto("/settings");
  await expect(page.getByTestId("settings-signin")).toContainText(oidcIssuer());
  await expect(page.locator("body")).not.toContainText("e2e-client-secret");
});

test("an account without any KeyFleet app role lands on the no-access page", async ({ page }) => {
  await signInThroughProvider(page, "no.roles");
  await expect(page).toHaveURL(`${oidcAppUrl()}/no-access`);
  await expect(page.getByRole("heading", { name: "You have no access to KeyFleet" })).toBeVisible();
  await page.goto("/keys");
  await expect(page).toHaveURL(`${oidcAppUrl()}/no-access`);
  await page.screenshot({ path: screenshotPath("no-access-oidc") });
});
