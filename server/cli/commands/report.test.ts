import { describe, expect, it } from "vitest";
import { adoptionLine, adoptionTable } from "./report";

const figure = (label: string, scope: number, registered: number, target: number | null) => ({
  key: label,
  label,
  target,
  scope,
  assigned: registered,
  registered,
  assignedUnregistered: 0,
  used: 1,
  backup: 0,
  passwordless: 0,
  notReady: scope - registered,
});

describe("report adoption table", () => {
  it("lines up a column per figure, percentages beside counts, a dash where there is nothing to divide", () => {
    const lines = adoptionTable([
      adoptionLine(figure("Pilot", 4, 2, 100), "past deadline", 36.4),
      adoptionLine(figure("Empty", 0, 0, 80), "planned", null),
    ]).split("\n");
    expect(lines[0]).toMatch(
      /^Wave\s+Phase\s+Target\s+In scope\s+Registered\s+Used 30 d\s+2\+ keys\s+Not ready\s+PR sign-ins$/,
    );
    expect(lines[2]).toMatch(/^Pilot\s+past deadline\s+100%\s+4\s+2 \(50%\)\s+1\s+0\s+2\s+36\.4%$/);
    expect(lines[3]).toMatch(/^Empty\s+planned\s+80%\s+0\s+0 \(—\)\s+1\s+0\s+0\s+—$/);
  });
});
