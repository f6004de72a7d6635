import { expect, type Page } from "@playwright/test";

/**
 * A person with no keys yet whom the signed-in agent can assign one: among users not yet passwordless,
 * the first whose page says so — the last with `fromEnd`, and passing over the first `skip` of them — so
 * journeys running side by side do not pick the same person.
 */
export async function userWithoutKeys(
  page: Page,
  { fromEnd = false, skip = 0 }: { fromEnd?: boolean; skip?: number } = {},
): Promise<{ name: string; href: string; id: string }> {
  await page.goto("/users?passwordless=no");
  const links = page.getByRole("table").getByRole("link");
  await expect(links.first()).toBeVisible();
  const candidates = await links.evaluateAll((as) =>
    as.map((a) => ({ name: a.textContent ?? "", href: a.getAttribute("href") ?? "" })),
  );
  const users = candidates.filter((x) => x.href.startsWith("/users/"));
  let passed = 0;
  for (const c of fromEnd ? users.reverse() : users) {
    await page.goto(c.href);
    const hasNone = await page.getByText("No keys yet.").isVisible();
    const canAssign = await page.getByRole("button", { name: "Assign key" }).isVisible();
    if (hasNone && canAssign && passed++ >= skip)
      return { ...c, id: decodeURIComponent(c.href.slice("/users/".length)) };
  }
  throw new Error("no user without keys in the demo data");
}
