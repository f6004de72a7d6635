import type { Page } from "@playwright/test";
import { personas, screenshotPath } from "./fixtures";

// What the lost-key journeys (lost-key*.spec.ts) share: the personas and the screenshot helper.

export const persona = (id: string) => personas.find((p) => p.id === id)!;
export const agent = persona("demo-helpdesk");
export const secondAgent = persona("demo-helpdesk-2");
export const admin = persona("demo-admin");
export const security = persona("demo-security");

export const shotPath = (name: string) => screenshotPath(`lost-key-${name}`);
export const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: shotPath(name), fullPage });
