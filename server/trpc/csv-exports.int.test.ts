import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvExportOutput } from "@/server/modules/inventory/inventory.schemas";
import { parseCsv } from "@/server/modules/inventory/csv";
import { plausibleInputs } from "./hostile-input";
import { callProcedure, listProcedures, startDemoWorld, type DemoWorld } from "./testing";

// Formula injection: text that reached the database from Entra or a form (`=cmd()` as a department,
// `@SUM(…)` as a model name…) must leave EVERY CSV export as text, never as a formula a spreadsheet
// runs. Exports are found by their output schema, so a new export is covered without editing this.

const FORMULA_START = /^[=+\-@\t\r]/;
const markers = {
  site: "=SITE()",
  model: "@MODEL(1)",
  vendor: "+VENDOR",
  notes: "-2+NOTES",
  department: '=HYPERLINK("http://evil.example","DEPT")',
  user: "@USER",
  wave: "=WAVE()",
};

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld({ users: 30, seed: 17 });
  const p = world.db.prisma;
  // As if typed into forms or synced from Entra: stored verbatim, as it should be.
  await p.site.updateMany({ data: { name: markers.site } });
  // (vendor, productName) is unique: each model keeps its id after the marker.
  await p.$executeRawUnsafe(
    `UPDATE key_models SET "productName" = $1 || ' ' || id, vendor = $2`,
    markers.model,
    markers.vendor,
  );
  await p.purchaseOrder.updateMany({ data: { vendor: markers.vendor, notes: markers.notes } });
  await p.securityKey.updateMany({ data: { notes: markers.notes } });
  await p.directoryUser.updateMany({ data: { department: markers.department, displayName: markers.user } });
  await p.$executeRawUnsafe(`UPDATE rollout_waves SET name = $1 || ' ' || id`, markers.wave);
}, 180_000);
afterAll(async () => {
  await world?.close();
});

const exports = listProcedures().filter((p) => p.output === csvExportOutput);

describe("every CSV export neutralises formula cells", () => {
  it("finds the exports by their output schema", () => {
    expect(exports.map((e) => e.path)).toEqual(
      expect.arrayContaining(["inventory.exportKeys", "procurement.exportOrders"]),
    );
  });

  it("writes no cell a spreadsheet would evaluate, and the stored formulas do show up as text", async () => {
    const seen = new Set<string>();
    let files = 0;
    for (const proc of exports) {
      for (const input of plausibleInputs(proc.inputs[0], world.knownIds)) {
        const result = await callProcedure(world.services, proc.path, "admin", input, "csv-export-test");
        const parsed = csvExportOutput.safeParse(result);
        if (!parsed.success) continue; // a variant the data cannot answer (e.g. an unknown wave id)
        files++;
        const csv = parseCsv(parsed.data.csv);
        expect(csv.ok, `${proc.path} ${JSON.stringify(input)} is valid CSV`).toBe(true);
        for (const row of csv.ok ? csv.rows : []) {
          for (const cell of row.cells) {
            expect(cell, `${proc.path} ${JSON.stringify(input)} line ${row.line}`).not.toMatch(FORMULA_START);
            for (const m of Object.values(markers)) if (cell.includes(`'${m}`)) seen.add(m);
          }
        }
      }
    }
    expect(files).toBeGreaterThanOrEqual(exports.length);
    // Without this the test could pass on exports that never contain the hostile text.
    expect([...seen].length, `markers seen: ${[...seen].join(", ")}`).toBeGreaterThanOrEqual(4);
  });
});
