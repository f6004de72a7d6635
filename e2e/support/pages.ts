import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ROOT } from "./servers";

// Every page of the built app, from Next.js's own route manifest, so a spec that walks them covers
// pages added later without being edited. Dynamic routes (/keys/[id]) get a concrete URL by following
// the links a persona actually sees.

export interface RoutePattern {
  /** As Next.js writes it, e.g. "/keys/[id]". */
  pattern: string;
  matches(pathname: string): boolean;
  isDynamic: boolean;
}

const INTERNAL = /^\/_|\/\(.*\)\/_/; // /_not-found, /_global-error

export function pageRoutes(): RoutePattern[] {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next/app-path-routes-manifest.json"), "utf8"),
  ) as Record<string, string>;
  return (
    Object.entries(manifest)
      .filter(([file, route]) => file.endsWith("/page") && !INTERNAL.test(route))
      .map(([, route]) => {
        const regex = new RegExp(`^${route.replace(/\[\[?\.{0,3}[^\]]+\]\]?/g, "[^/]+")}/?$`);
        return { pattern: route, matches: (p: string) => regex.test(p), isDynamic: route.includes("[") };
      })
      // Static routes first, so "/cases/new" is not taken for an instance of "/cases/[id]".
      .sort((a, b) => Number(a.isDynamic) - Number(b.isDynamic))
  );
}

export const routeOf = (routes: readonly RoutePattern[], pathname: string) =>
  routes.find((r) => r.matches(pathname));

/** Same-origin page links on the current page (no API, no downloads, no fragments). */
export async function pageLinks(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator("a[href^='/']")
    .evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).getAttribute("href") ?? ""));
  return [...new Set(hrefs.map((h) => h.split("#")[0]!).filter((h) => h && !h.startsWith("/api/")))];
}

/**
 * Visits, as the signed-in persona, one URL per route pattern it can open, starting from `start` and
 * following links breadth-first; calls `check` on each page. Returns the patterns checked (pattern →
 * URL) and the ones refused with 403.
 */
export async function walkPages(page: Page, start: readonly string[], check: (url: string) => Promise<void>) {
  const routes = pageRoutes();
  const checked = new Map<string, string>();
  const forbidden = new Set<string>();
  const queue = [...start, ...routes.filter((r) => !r.isDynamic).map((r) => r.pattern)];
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    const route = routeOf(routes, new URL(url, "http://x").pathname);
    if (!route || checked.has(route.pattern) || forbidden.has(route.pattern) || seen.has(url)) continue;
    seen.add(url);
    const response = await page.goto(url);
    if (response?.status() === 403) {
      forbidden.add(route.pattern);
      continue;
    }
    if (new URL(page.url()).pathname !== new URL(url, page.url()).pathname) continue; // redirected elsewhere
    await page.waitForLoadState("networkidle");
    await check(url);
    checked.set(route.pattern, url);
    queue.push(...(await pageLinks(page)));
  }
  return { routes, checked, forbidden };
}
