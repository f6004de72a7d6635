import { isoDay } from "@/server/lib/time";
// CSV in and out. Plain functions: the export neutralises spreadsheet formulas, the parser reports
// malformed lines by number instead of guessing.

// A spreadsheet evaluates a cell whose text starts with = + - @ even after leading spaces, and a
// leading tab or CR is how such a start is smuggled past naive checks (docs/SECURITY.md, CSV exports).
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
// Excel splits on `;` (and tab) in locales whose decimal mark is a comma: every separator is quoted,
// not only the comma, or a `;=cmd` inside a cell becomes a cell of its own.
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** A cell a spreadsheet will not evaluate nor split: a formula start gets a leading apostrophe. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** One column of an export: its header and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

export interface CsvExport {
  filename: string;
  csv: string;
  rows: number;
  isTruncated: boolean;
}

/**
 * Every table export goes through here: the caller loads the rows of exactly the filtered view (with
 * `limit + 1` so truncation shows), this writes the file. `name` becomes `<name>-<yyyy-mm-dd>.csv`.
 */
export function csvExport<T>(input: {
  name: string;
  at: Date;
  columns: readonly CsvColumn<T>[];
  rows: readonly T[];
  limit?: number;
}): CsvExport {
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  const kept = input.rows.length > limit ? input.rows.slice(0, limit) : input.rows;
  return {
    filename: `${input.name}-${isoDay(input.at)}.csv`,
    csv: toCsv(
      input.columns.map((c) => c.header),
      kept.map((r) => input.columns.map((c) => c.value(r))),
    ),
    rows: kept.length,
    isTruncated: input.rows.length > limit,
  };
}

export interface ParsedCsvRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  cells: string[];
}

export type CsvParseResult =
  { ok: true; rows: ParsedCsvRow[] } | { ok: false; line: number; message: string };

/** RFC 4180: quoted fields, doubled quotes, CRLF or LF. An unterminated quote fails with its line. */
export function parseCsv(text: string): CsvParseResult {
  const rows: ParsedCsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  let quoteLine = 1;
  const src = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === "")) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.trim() !== "") return { ok: false, line, message: "a quote inside an unquoted field" };
      inQuotes = true;
      quoteLine = line;
      cell = "";
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (inQuotes) return { ok: false, line: quoteLine, message: "a quoted field is never closed" };
  if (cell !== "" || cells.length > 0) endRow();
  return { ok: true, rows };
}
