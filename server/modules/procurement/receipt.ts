import { serialSchema } from "@/server/modules/inventory/inventory.schemas";
import { parseCsv } from "@/server/modules/inventory/csv";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, type ReceiptRow } from "./procurement.schemas";

// Pure checks for a receipt (scanned serials or a CSV): every problem is reported on its row, and a
// receipt commits only when no row has one.

export interface ReceiptLine {
  id: string;
  modelId: string;
  model: string;
  vendor: string;
  remaining: number;
}
export interface ExistingKey {
  serial: string;
  vendor: string;
  status: string;
  site: { code: string };
  poLine: { purchaseOrder: { number: string } } | null;
}
export interface RawReceiptRow {
  line: number;
  serial: string;
  model: string | null;
  po: string | null;
}

export function describeExisting(k: ExistingKey): string {
  return `already received: key ${k.serial} is ${k.status.replace("_", " ")} at ${k.site.code}${k.poLine ? ` (${k.poLine.purchaseOrder.number})` : ""}`;
}

/**
 * Checked before the file is parsed, so an oversized file costs one pass over its bytes and never a
 * row-by-row check or an answer that echoes every row (160 000 rows once made a 28 MB answer).
 */
export function receiptSizeProblem(text: string): string | null {
  const bytes = Buffer.byteLength(text, "utf8");
  const split = "Split it into smaller files and receive them one after another.";
  if (bytes > MAX_CSV_BYTES)
    return `The file is ${(bytes / 1_000_000).toFixed(1)} MB; at most ${MAX_CSV_BYTES / 1_000_000} MB can be received at once. ${split}`;
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  if (/[\r\n]$/.test(text)) lines--;
  const rows = lines - 1; // the header
  if (rows > MAX_CSV_ROWS)
    return `The file has ${rows.toLocaleString("en")} rows; at most ${MAX_CSV_ROWS.toLocaleString("en")} can be received at once. ${split}`;
  return null;
}

/** Reads the CSV: a header row naming `serial` and optionally `model` and `po`. */
export function readReceiptCsv(text: string): { rows: RawReceiptRow[]; fileErrors: string[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok)
    return { rows: [], fileErrors: [`Line ${parsed.line}: ${parsed.message}. Nothing was read.`] };
  const [header, ...body] = parsed.rows;
  if (!header) return { rows: [], fileErrors: ["The file has no rows."] };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const col = (n: string) => names.indexOf(n);
  if (col("serial") < 0)
    return {
      rows: [],
      fileErrors: [
        "The first line must be a header naming a `serial` column (and optionally `model` and `po`).",
      ],
    };
  const rows: RawReceiptRow[] = [];
  const fileErrors: string[] = [];
  for (const r of body) {
    if (r.cells.length !== header.cells.length) {
      rows.push({ line: r.line, serial: r.cells[col("serial")]?.trim() ?? "", model: null, po: null });
      fileErrors.push(`Line ${r.line}: expected ${header.cells.length} fields, found ${r.cells.length}.`);
      continue;
    }
    const get = (n: string) => (col(n) >= 0 ? r.cells[col(n)]!.trim() || null : null);
    rows.push({ line: r.line, serial: get("serial") ?? "", model: get("model"), po: get("po") });
  }
  if (body.length === 0) fileErrors.push("The file has a header but no serials.");
  return { rows, fileErrors };
}

export function checkReceipt(input: {
  rows: RawReceiptRow[];
  malformedLines?: Set<number>;
  po: { number: string; lines: ReceiptLine[] };
  allModels: { id: string; productName: string; vendor: string }[];
  existing: ExistingKey[];
}): ReceiptRow[] {
  const { po } = input;
  const existing = new Map(input.existing.map((k) => [`${k.vendor}|${k.serial}`, k]));
  const seen = new Map<string, number>();
  const used = new Map<string, number>();
  const modelNames = new Map<string, { id: string; productName: string; vendor: string }>();
  for (const m of input.allModels) {
    modelNames.set(m.id.toLowerCase(), m);
    modelNames.set(m.productName.toLowerCase(), m);
    modelNames.set(`${m.vendor} ${m.productName}`.toLowerCase(), m);
  }
  const distinctModels = new Set(po.lines.map((l) => l.modelId));

  return input.rows.map((raw) => {
    const errors: string[] = [];
    if (input.malformedLines?.has(raw.line)) errors.push("malformed line: wrong number of fields");
    const parsedSerial = serialSchema.safeParse(raw.serial);
    const serial = parsedSerial.success ? parsedSerial.data : raw.serial.trim();
    if (!parsedSerial.success)
      errors.push(raw.serial.trim() ? parsedSerial.error.issues[0]!.message : "serial is missing");
    if (raw.po && raw.po.toLowerCase() !== po.number.toLowerCase())
      errors.push(`wrong PO: this row is for ${raw.po}, you are receiving ${po.number}`);

    let line: ReceiptLine | undefined;
    if (raw.model) {
      const model = modelNames.get(raw.model.toLowerCase());
      if (!model) errors.push(`unknown model "${raw.model}"`);
      else {
        line =
          po.lines.find((l) => l.modelId === model.id && l.remaining - (used.get(l.id) ?? 0) > 0) ??
          po.lines.find((l) => l.modelId === model.id);
        if (!line) errors.push(`${model.productName} is not on ${po.number}`);
      }
    } else if (distinctModels.size === 1) {
      line = po.lines.find((l) => l.remaining - (used.get(l.id) ?? 0) > 0) ?? po.lines[0];
    } else {
      errors.push(`model is required: ${po.number} has several models`);
    }

    if (line && parsedSerial.success) {
      const k = `${line.vendor}|${serial}`;
      const dupe = seen.get(k);
      if (dupe !== undefined) errors.push(`duplicate serial: also on line ${dupe} of this file`);
      else seen.set(k, raw.line);
      const there = existing.get(k);
      if (there) errors.push(describeExisting(there));
      if (errors.length === 0) {
        const n = (used.get(line.id) ?? 0) + 1;
        if (n > line.remaining)
          errors.push(`more than the ${line.remaining} ${line.model} left to receive on ${po.number}`);
        else used.set(line.id, n);
      }
    }
    return { line: raw.line, serial, model: line?.model ?? raw.model, lineId: line?.id ?? null, errors };
  });
}
