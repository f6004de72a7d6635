import { csvExport, type CsvColumn } from "@/server/modules/inventory/csv";
import { canonicalJson } from "@/server/lib/canonical-json";
import type { AuditEventRow } from "./audit.repository";

// The filtered audit trail as a file: CSV for a spreadsheet (changes as JSON text in two cells, formula
// starts neutralised like every export) or JSON for a script (the events as the trail holds them,
// with their chain hashes so a reader can check them). Newest first, as the page lists them.

/** At most this many events per file; a longer trail is exported in parts by narrowing the dates. */
export const AUDIT_EXPORT_LIMIT = 50_000;

const columns: readonly CsvColumn<AuditEventRow>[] = [
  { header: "Sequence", value: (e) => e.seq.toString() },
  { header: "Time (UTC)", value: (e) => e.at },
  { header: "Actor", value: (e) => e.actorName },
  { header: "Actor id", value: (e) => e.actorId },
  { header: "Role", value: (e) => e.role },
  { header: "Action", value: (e) => e.action },
  { header: "Subject type", value: (e) => e.subjectType },
  { header: "Subject id", value: (e) => e.subjectId },
  { header: "Before", value: (e) => (e.before == null ? "" : canonicalJson(e.before)) },
  { header: "After", value: (e) => (e.after == null ? "" : canonicalJson(e.after)) },
  { header: "Request id", value: (e) => e.requestId },
  { header: "Hash", value: (e) => e.hash },
  { header: "Previous hash", value: (e) => e.prevHash },
];

export interface AuditFile {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
  isTruncated: boolean;
}

export function auditFile(format: "csv" | "json", events: readonly AuditEventRow[], at: Date): AuditFile {
  const isTruncated = events.length > AUDIT_EXPORT_LIMIT;
  const kept = isTruncated ? events.slice(0, AUDIT_EXPORT_LIMIT) : events;
  if (format === "csv") {
    const out = csvExport({ name: "audit-trail", at, columns, rows: kept });
    return { filename: out.filename, mimeType: "text/csv", content: out.csv, rows: kept.length, isTruncated };
  }
  const content = JSON.stringify(
    {
      exportedAt: at.toISOString(),
      isTruncated,
      events: kept.map((e) => ({ ...e, seq: e.seq.toString(), at: e.at.toISOString() })),
    },
    null,
    2,
  );
  return {
    filename: `audit-trail-${at.toISOString().slice(0, 10)}.json`,
    mimeType: "application/json",
    content,
    rows: kept.length,
    isTruncated,
  };
}
