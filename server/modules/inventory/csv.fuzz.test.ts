import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

// The export writer against a parser written here, independently of ./csv's own: strict RFC 4180
// (a quote only opens a field, CRLF only ends a record, nothing loose outside quotes). Besides the
// round trip, an unquoted field may hold no `;` or tab, so a spreadsheet that splits on those (Excel in
// comma-decimal locales) still sees one cell, and no cell a spreadsheet reads may start a formula.

const RUNS = Number(process.env.FUZZ_RUNS) || 300;

interface Field {
  text: string;
  isQuoted: boolean;
}

function parseStrict(csv: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not RFC 4180 at ${i}: ${why} in ${JSON.stringify(csv)}`);
  };
  for (;;) {
    let text = "";
    let isQuoted = false;
    if (csv[i] === '"') {
      isQuoted = true;
      i++;
      for (;;) {
        if (i >= csv.length) fail("unterminated quote");
        if (csv[i] === '"') {
          if (csv[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += csv[i++];
      }
    } else {
      while (i < csv.length && csv[i] !== "," && csv[i] !== "\r") {
        if (csv[i] === '"' || csv[i] === "\n") fail("quote or bare LF in an unquoted field");
        text += csv[i++];
      }
    }
    record.push({ text, isQuoted });
    if (csv[i] === ",") {
      i++;
      continue;
    }
    if (csv.startsWith("\r\n", i)) {
      i += 2;
      records.push(record);
      record = [];
      if (i === csv.length) return records;
      continue;
    }
    fail("a field must end at a comma or CRLF");
  }
}

const FORMULA = /^[=+\-@]/;
const spaces = fc.constantFrom(" ", "  ", "\t", "\r", "\n", "\r\n", "\u00a0", "\u2003", "\ufeff", "");
const risky = fc.constantFrom(
  "=",
  "+",
  "-",
  "@",
  ";",
  ",",
  '"',
  "\t",
  "\r",
  "\n",
  "'",
  "=cmd|' /C calc'!A0",
  ";=1+1",
  "@SUM(A1)",
  "-2+3",
  "é€漢",
);
const cellText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc
    .array(fc.oneof(risky, spaces, fc.string({ maxLength: 4 })), { maxLength: 8 })
    .map((parts) => parts.join("")),
);
const table = fc
  .integer({ min: 1, max: 5 })
  .chain((width) =>
    fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
  );

describe("csv export, fuzzed and read back by a strict RFC 4180 parser", () => {
  it("round-trips every cell (a formula start gains only a leading apostrophe) and leaves nothing a spreadsheet would evaluate or split", () => {
    fc.assert(
      fc.property(table, ([header, ...rows]) => {
        const parsed = parseStrict(toCsv(header!, rows));
        const input = [header!, ...rows];
        expect(parsed.length).toBe(input.length);
        parsed.forEach((record, r) => {
          expect(record.length).toBe(input[r]!.length);
          record.forEach((field, c) => {
            const original = input[r]![c]!;
            const isFormulaStart = FORMULA.test(original.trimStart()) || /^[\t\r]/.test(original);
            expect(field.text).toBe(isFormulaStart ? `'${original}` : original);
            expect(field.text.trimStart()).not.toMatch(FORMULA);
            expect(field.text).not.toMatch(/^[\t\r]/);
            if (!field.isQuoted) expect(field.text).not.toMatch(/[;\t\r\n"]/);
          });
        });
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ["a;=1+1", '"a;=1+1"'],
    ["x\ty", '"x\ty"'],
    ["line\nbreak", '"line\nbreak"'],
    ["  =HYPERLINK(1)", "'  =HYPERLINK(1)"],
    ["\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"],
    ["\t=1", '"\'\t=1"'],
    ["\r\n-2", '"\'\r\n-2"'],
  ])(
    "writes %j as %j (a semicolon, tab or line break is quoted; a formula after spaces is neutralised)",
    (value, written) => {
      expect(csvCell(value)).toBe(written);
    },
  );

  it("leaves ordinary text, numbers and dates exactly as they are", () => {
    expect(toCsv(["serial", "n", "at"], [["YK-0001 x", 3, new Date("2026-01-02T03:04:05Z")]])).toBe(
      "serial,n,at\r\nYK-0001 x,3,2026-01-02T03:04:05.000Z\r\n",
    );
  });
});
