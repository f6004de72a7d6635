import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Every confirmation's button names its action ("Delete credential in Entra"), never a bare "Yes".
// Reads the pages' sources: each literal a confirmLabel can take, whole words only.

const GENERIC = /^(yes|no|ok|okay|confirm|continue|proceed|submit|done|sure|go|yes, do it|do it|apply)$/i;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith(".tsx") ? [path] : [];
  });
}

/** The quoted literals of each `confirmLabel=` attribute (plain or in a ternary; templates are read by eye). */
function confirmLabels(): { file: string; label: string }[] {
  const found: { file: string; label: string }[] = [];
  for (const file of sources("app")) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/confirmLabel=(?:"([^"]*)"|\{(.*)\}\s*$)/gm)) {
      if (m[1] !== undefined) found.push({ file, label: m[1] });
      else
        // A label starts with a capital; lower-case literals are the condition ("approve") or a noun.
        for (const lit of m[2]!.matchAll(/"([A-Z][^"]*)"/g)) found.push({ file, label: lit[1]! });
    }
  }
  return found;
}

describe("confirm buttons name the action", () => {
  const labels = confirmLabels();

  it("finds the confirmations it checks", () => {
    expect(labels.length).toBeGreaterThan(15);
    expect(labels.map((l) => l.label)).toContain("Delete credential in Entra");
  });

  it("no confirm button is a bare yes, OK or continue", () => {
    expect(labels.filter((l) => GENERIC.test(l.label))).toEqual([]);
  });

  it("every fixed label says what it does to what (a verb and its object)", () => {
    const oneWord = labels.filter((l) => !l.label.trim().includes(" "));
    expect(oneWord).toEqual([]);
  });
});
