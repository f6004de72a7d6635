import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/server/trpc/errors";
import { hostileStrings } from "@/server/trpc/hostile-input";
import { callProcedure } from "@/server/trpc/testing";
import { db, ordered, services, useProcurementDatabase } from "./procurement.testing";
import { MAX_CSV_BYTES } from "./procurement.schemas";

// The receiving CSV import, fuzzed through the tRPC procedures the browser calls: wrong encodings (as
// File.text() decodes them: UTF-8 with replacement characters), BOMs, wrong delimiters, broken quoting,
// formula cells, huge lines and files at the size limit. Never a 500; a refused file names the field
// (`csv`) or the lines; preview and commit agree; a committed key's serial can never be a formula.

const RUNS = Number(process.env.FUZZ_RUNS) || 25;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

useProcurementDatabase();
let poId: string;
let poNumber: string;

beforeAll(async () => {
  const po = await ordered([{ modelId: "m1", quantity: 100_000 }]);
  ({ id: poId, number: poNumber } = po);
});

// What a browser's File.text() makes of a file saved in another encoding.
const utf8 = new TextDecoder("utf-8");
const encodings: Record<string, (text: string) => string> = {
  utf8: (t) => t,
  utf8Bom: (t) => `\uFEFF${t}`,
  latin1: (t) => utf8.decode(Buffer.from(t, "latin1")),
  utf16le: (t) => utf8.decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")])),
};

const cell = fc.oneof(
  fc.stringMatching(/^[A-Z0-9]{3,12}$/),
  fc.constantFrom(
    "YubiKey 5C NFC",
    "m1",
    "Unknown Model",
    "PO-1999-0001",
    "",
    '"',
    '"unterminated',
    'a"b',
    '"q,uoted"',
    "é€漢",
  ),
  fc.constantFrom(...hostileStrings.filter((s) => s.length < 1000)),
  fc.string({ maxLength: 12 }),
);
const header = fc.oneof(
  { weight: 3, arbitrary: fc.constant("serial") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "serial,model",
      "serial,model,po",
      " SERIAL , Model ",
      "model,serial",
      "",
      "sku",
      "serial;model",
    ),
  },
);
// Some files are good (so the commit path runs too), most are not.
const goodRows = fc
  .uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9]{7,11}$/), { minLength: 1, maxLength: 6 })
  .map((serials) => serials.map((s) => [s]));
const csvText = fc
  .record({
    header,
    rows: fc.oneof(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), goodRows),
    delimiter: fc.constantFrom(",", ",", ";", "\t"),
    eol: fc.constantFrom("\n", "\r\n", "\r"),
    encoding: fc.oneof(
      { weight: 3, arbitrary: fc.constant("utf8") },
      { weight: 2, arbitrary: fc.constantFrom(...Object.keys(encodings)) },
    ),
    huge: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(200_000, MAX_CSV_BYTES - 10, MAX_CSV_BYTES + 1) },
    ),
  })
  .map(({ header, rows, delimiter, eol, encoding, huge }) => {
    const lines = [header, ...rows.map((r) => r.join(delimiter))];
    if (huge) lines.push(`${"A".repeat(huge)}`);
    return encodings[encoding]!(lines.join(eol)).slice(
      0,
      huge && huge > MAX_CSV_BYTES ? undefined : MAX_CSV_BYTES,
    );
  });

const keysOnPo = () =>
  db.prisma.securityKey.findMany({ where: { poLine: { purchaseOrderId: poId } }, select: { serial: true } });

/** A refusal must say where: the `csv` field (zod) or the lines (the service's details.fieldErrors). */
function refusalProblem(result: TRPCError): string | null {
  if (result.code === "INTERNAL_SERVER_ERROR")
    return `500: ${String((result.cause as Error | undefined)?.message).slice(0, 300)}`;
  // Over the size cap (UTF-8 bytes, e.g. a file decoded with replacement characters): 413 naming the limit.
  if (result.code === "PAYLOAD_TOO_LARGE")
    return /at most 2 MB can be received at once/.test(result.message)
      ? null
      : `413 without the limit: ${result.message}`;
  if (result.code !== "BAD_REQUEST") return `unexpected ${result.code}: ${result.message}`;
  if (result.cause instanceof ZodError)
    return Object.keys(zodFieldErrors(result.cause) ?? {}).includes("csv")
      ? null
      : "validation error not naming `csv`";
  const details = (
    result.cause as
      { details?: { fieldErrors?: Record<string, string[]>; fileErrors?: string[] } } | undefined
  )?.details;
  const named = Object.keys(details?.fieldErrors ?? {}).length + (details?.fileErrors?.length ?? 0);
  return named > 0 ? null : `refused without naming a line: ${result.message}`;
}

describe("receiving CSV import, fuzzed", () => {
  it("never fails with a 500, names what is wrong, and commits exactly when the preview says it can", async () => {
    const outcomes = { received: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(csvText, async (csv) => {
        const input = { poId, csv };
        const preview = await callProcedure(
          services,
          "procurement.previewCsv",
          "procurement",
          input,
          "csv-fuzz",
        );
        const before = (await keysOnPo()).length;
        const commit = await callProcedure(
          services,
          "procurement.commitCsv",
          "procurement",
          input,
          "csv-fuzz",
        );
        const after = await keysOnPo();

        for (const r of [preview, commit])
          if (r instanceof TRPCError && refusalProblem(r))
            throw new Error(`${refusalProblem(r)} for ${JSON.stringify(csv.slice(0, 200))}`);
        const canCommit = !(preview instanceof TRPCError) && (preview as { canCommit: boolean }).canCommit;
        expect(
          commit instanceof TRPCError,
          `preview canCommit=${canCommit} for ${JSON.stringify(csv.slice(0, 200))}`,
        ).toBe(!canCommit);
        if (commit instanceof TRPCError)
          expect(after.length).toBe(before); // all or nothing
        else expect(after.length - before).toBe((commit as { received: number }).received);
        outcomes[commit instanceof TRPCError ? "refused" : "received"]++;
        // Nothing stored can turn into a formula when exported: serials start with a letter or digit.
        for (const k of after) expect(k.serial).toMatch(/^[A-Z0-9][A-Z0-9._\-/]*$/);
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    // Both paths ran, so the agreement above was tested and not vacuous.
    expect(outcomes.received).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it("refuses a UTF-16 file on the csv field, saying why", async () => {
    const csv = encodings.utf16le!(`serial\nAB123\n`);
    const result = await callProcedure(services, "procurement.previewCsv", "procurement", { poId, csv });
    expect(result).toBeInstanceOf(TRPCError);
    expect(zodFieldErrors((result as TRPCError).cause)?.csv?.[0]).toMatch(/UTF-16/);
  });

  it("receives a good file with a BOM and CRLF, and the serial is stored without either", async () => {
    const csv = `\uFEFFserial,po\r\nbom-001,${poNumber}\r\n`;
    expect(
      await callProcedure(services, "procurement.commitCsv", "procurement", { poId, csv }),
    ).toMatchObject({ received: 1 });
    expect((await keysOnPo()).map((k) => k.serial)).toContain("BOM-001");
  });
});
