import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { callProcedure } from "@/server/trpc/testing";
import { db, ordered, services, useProcurementDatabase } from "./procurement.testing";
import { CSV_PREVIEW_ROWS, MAX_CSV_ROWS } from "./procurement.schemas";

// The CSV preview once echoed every row back: a 1.9 MB file of 160 000 rows made a 27.9 MB answer in
// 4.8 s. Now the size is checked before parsing (413 with the limit and what to do), and the preview
// carries the counts for the whole file but at most CSV_PREVIEW_ROWS rows, problems first.

useProcurementDatabase();
let poId: string;

beforeAll(async () => {
  const po = await ordered([{ modelId: "m1", quantity: 100_000 }]);
  poId = po.id;
});

const serials = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `SZ${String(from + i).padStart(9, "0")}`);
const keys = () => db.prisma.securityKey.count({ where: { poLine: { purchaseOrderId: poId } } });

describe("CSV receiving: size caps and a bounded preview", () => {
  it("refuses the 160 000-row file (1.9 MB) before parsing: 413 naming the row limit and what to do; nothing received", async () => {
    const csv = ["serial", ...serials(160_000)].join("\n");
    expect(csv.length).toBeLessThan(2_000_000);
    const started = performance.now();
    for (const path of ["procurement.previewCsv", "procurement.commitCsv"]) {
      const result = await callProcedure(services, path, "procurement", { poId, csv });
      expect(result).toBeInstanceOf(TRPCError);
      expect((result as TRPCError).code).toBe("PAYLOAD_TOO_LARGE");
      expect((result as TRPCError).message).toBe(
        `The file has 160,000 rows; at most ${MAX_CSV_ROWS.toLocaleString("en")} can be received at once. Split it into smaller files and receive them one after another.`,
      );
    }
    expect(performance.now() - started).toBeLessThan(3000); // was 4.8 s for the preview alone
    expect(await keys()).toBe(0);
  });

  it("refuses a file over 2 MB in UTF-8 bytes even when it has fewer characters (413, the limit in plain words)", async () => {
    const csv = `serial\n${"ÉÉÉÉÉÉÉÉÉ\n".repeat(120_000)}`; // 1.2 million characters, 2 280 007 bytes
    const result = (await callProcedure(services, "procurement.previewCsv", "procurement", {
      poId,
      csv,
    })) as TRPCError;
    expect(result.code).toBe("PAYLOAD_TOO_LARGE");
    expect(result.message).toBe(
      "The file is 2.3 MB; at most 2 MB can be received at once. Split it into smaller files and receive them one after another.",
    );
  });

  it("a file at the row limit previews with counts for every row but only the first rows, those with problems first", async () => {
    const good = serials(MAX_CSV_ROWS - 3, 1_000_000);
    const csv = [
      "serial",
      ...good.slice(0, 5000),
      good[0],
      ...good.slice(5000),
      good[1],
      "=HYPERLINK(1)",
    ].join("\n");
    const preview = (await callProcedure(services, "procurement.previewCsv", "procurement", {
      poId,
      csv,
    })) as {
      rows: { line: number; errors: string[] }[];
      rowCount: number;
      validCount: number;
      errorCount: number;
      canCommit: boolean;
    };
    expect(preview).toMatchObject({
      rowCount: MAX_CSV_ROWS,
      errorCount: 3,
      validCount: MAX_CSV_ROWS - 3,
      canCommit: false,
    });
    expect(preview.rows).toHaveLength(CSV_PREVIEW_ROWS);
    expect(preview.rows.slice(0, 3).map((r) => r.line)).toEqual([5002, MAX_CSV_ROWS, MAX_CSV_ROWS + 1]);
    expect(preview.rows.slice(0, 3).every((r) => r.errors.length > 0)).toBe(true);
    expect(preview.rows.slice(3).map((r) => r.line)).toEqual(
      Array.from({ length: CSV_PREVIEW_ROWS - 3 }, (_, i) => i + 2),
    );
    expect(JSON.stringify(preview).length).toBeLessThan(20_000);
    expect(await keys()).toBe(0);
  });

  it("a clean file shows its first rows in file order and still commits every row", async () => {
    const csv = ["serial", ...serials(120, 2_000_000)].join("\r\n") + "\r\n";
    const preview = (await callProcedure(services, "procurement.previewCsv", "procurement", {
      poId,
      csv,
    })) as { rows: { line: number }[]; rowCount: number; canCommit: boolean };
    expect(preview).toMatchObject({ rowCount: 120, canCommit: true });
    expect(preview.rows.map((r) => r.line)).toEqual(
      Array.from({ length: CSV_PREVIEW_ROWS }, (_, i) => i + 2),
    );
    expect(
      await callProcedure(services, "procurement.commitCsv", "procurement", { poId, csv }),
    ).toMatchObject({ received: 120 });
  });
});
