import { describe, expect, it } from "vitest";
import { csvCell, csvExport, parseCsv, toCsv } from "./csv";

describe("csv export", () => {
  it.each(["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx"])("neutralises the formula-looking cell %j", (v) => {
    expect(csvCell(v).replace(/^"|"$/g, "").startsWith("'")).toBe(true);
  });
  it("quotes commas, quotes and newlines and leaves plain text alone", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["plain", null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\nplain,\r\n');
  });
});

describe("csv parse", () => {
  it("reads quoted fields, CRLF and skips blank lines with their line numbers", () => {
    const r = parseCsv('serial,model\r\n"A,1",M\r\n\r\nB2,"say ""x"""\n');
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ["serial", "model"] },
        { line: 2, cells: ["A,1", "M"] },
        { line: 4, cells: ["B2", 'say "x"'] },
      ],
    });
  });
  it("fails on an unterminated quote and names the line", () => {
    expect(parseCsv('serial\nA1\n"B2\nC3')).toMatchObject({ ok: false, line: 3 });
  });
});

describe("csv export of a table", () => {
  const columns = [
    { header: "n", value: (r: { n: number }) => r.n },
    { header: "formula", value: () => "=1" },
  ];
  it("writes the header and rows, names the file by date, and says when rows were cut at the limit", () => {
    const out = csvExport({
      name: "things",
      at: new Date("2026-03-01T23:00:00Z"),
      columns,
      rows: [{ n: 1 }, { n: 2 }, { n: 3 }],
      limit: 2,
    });
    expect(out).toEqual({
      filename: "things-2026-03-01.csv",
      csv: "n,formula\r\n1,'=1\r\n2,'=1\r\n",
      rows: 2,
      isTruncated: true,
    });
    expect(csvExport({ name: "t", at: new Date(0), columns, rows: [{ n: 1 }] }).isTruncated).toBe(false);
  });
});
