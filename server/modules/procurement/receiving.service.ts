import type { RequestContext } from "@/server/auth/actor";
import type { Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { ProcurementDeps } from "./procurement.deps";
import { isUniqueViolation } from "./procurement.repository";
import {
  checkReceipt,
  describeExisting,
  readReceiptCsv,
  receiptSizeProblem,
  type RawReceiptRow,
  type ReceiptLine,
} from "./receipt";
import { CSV_PREVIEW_ROWS, type PoStatus, type ReceiptRow } from "./procurement.schemas";

const MAX_FILE_ERRORS = 20;

/** 413 before any parsing: the limit and what to do (receiptSizeProblem). */
function refuseOversized(csv: string) {
  const problem = receiptSizeProblem(csv);
  if (problem) throw new AppError("TOO_LARGE", problem);
}

export const conflictState = (number: string, status: PoStatus, wanted: string) =>
  new AppError("CONFLICT", `${number} is ${status.replace("_", " ")}; ${wanted}.`, { status });

// Receiving turns PO lines into keys, in stock at the PO's receiving site. One receipt (a scan or a
// whole CSV) is one transaction under a row lock on the order; the unique (vendor, serial) index is the
// last word when two receipts race for the same serial anywhere.

export function makeReceivingService({ uow, repo, audit, clock }: ProcurementDeps) {
  async function load(tx: Tx, poId: string) {
    const po = await repo.lockPo(tx, poId);
    if (!po) throw new AppError("NOT_FOUND", "No purchase order with this id.");
    if (po.status !== "ordered" && po.status !== "partially_received") {
      throw conflictState(
        po.number,
        po.status,
        {
          draft: "place the order before receiving against it",
          closed:
            "its remainder was cancelled, so nothing more can be received against it: put the missing keys on a new order",
          cancelled: "it was cancelled, so nothing can be received against it: put the keys on a new order",
        }[po.status as string] ?? "nothing more can be received against it",
      );
    }
    const detail = (await repo.po(tx, poId))!;
    const lines: ReceiptLine[] = detail.lines.map((l) => ({
      id: l.id,
      modelId: l.modelId,
      model: l.model.productName,
      vendor: l.model.vendor,
      remaining: l.quantity - l.receivedQuantity,
    }));
    return { po, detail, lines };
  }

  async function check(tx: Tx, poId: string, rows: RawReceiptRow[], malformedLines?: Set<number>) {
    const loaded = await load(tx, poId);
    const serials = [...new Set(rows.map((r) => r.serial.trim().toUpperCase()).filter(Boolean))];
    const [allModels, existing] = await Promise.all([
      repo.models(tx),
      serials.length ? repo.existingSerials(tx, serials) : [],
    ]);
    const checked = checkReceipt({
      rows,
      malformedLines,
      po: { number: loaded.po.number, lines: loaded.lines },
      allModels,
      existing,
    });
    return { ...loaded, checked };
  }

  async function commit(
    ctx: RequestContext,
    tx: Tx,
    poId: string,
    rows: ReceiptRow[],
    loaded: Awaited<ReturnType<typeof load>>,
    via: "scan" | "csv",
  ) {
    const lineById = new Map(loaded.lines.map((l) => [l.id, l]));
    const created = await repo.createKeys(
      tx,
      rows.map((r) => ({
        serial: r.serial,
        vendor: lineById.get(r.lineId!)!.vendor,
        modelId: lineById.get(r.lineId!)!.modelId,
        poLineId: r.lineId!,
        siteId: loaded.po.siteId,
        status: "in_stock" as const,
      })),
    );
    const perLine = new Map<string, number>();
    for (const r of rows) perLine.set(r.lineId!, (perLine.get(r.lineId!) ?? 0) + 1);
    const updated = [];
    for (const [lineId, n] of perLine) updated.push(await repo.addReceived(tx, lineId, n));
    const after = (await repo.po(tx, poId))!;
    const isComplete = after.lines.every((l) => l.receivedQuantity >= l.quantity);
    const status = isComplete ? ("received" as const) : ("partially_received" as const);
    if (status !== loaded.po.status)
      await repo.setStatus(tx, poId, { status, receivedAt: isComplete ? clock() : null });
    await audit.record(tx, ctx, {
      action: "procurement.po.receive",
      subjectType: "PurchaseOrder",
      subjectId: poId,
      before: { status: loaded.po.status },
      after: {
        status,
        via,
        count: created.length,
        serials: created.map((k) => k.serial),
        keyIds: created.map((k) => k.id),
      },
    });
    return { created, updated, status };
  }

  /** A concurrent receipt took the serial between our check and our insert: say which key holds it now. */
  async function raceConflict(serials: string[]): Promise<never> {
    const existing = await repo.existingSerials(uow.db, serials);
    const first = existing[0];
    throw new AppError(
      "CONFLICT",
      first
        ? `Serial ${first.serial} was received by someone else a moment ago: ${describeExisting(first)}.`
        : "A serial in this receipt was received concurrently. Check again.",
      {
        serials: existing.map((k) => k.serial),
      },
    );
  }

  return {
    async receiveScan(ctx: RequestContext, input: { poId: string; lineId?: string; serial: string }) {
      try {
        return await uow.run(async (tx) => {
          const loaded = await load(tx, input.poId);
          const line = input.lineId ? loaded.lines.find((l) => l.id === input.lineId) : undefined;
          if (input.lineId && !line)
            throw new AppError("BAD_REQUEST", "That line is not on this order.", {
              fieldErrors: { lineId: ["Not on this order"] },
            });
          const candidates = line ? [line] : loaded.lines;
          if (!line && new Set(candidates.map((l) => l.modelId)).size > 1) {
            throw new AppError(
              "BAD_REQUEST",
              `${loaded.po.number} has several models: choose the line you are scanning.`,
              { fieldErrors: { lineId: ["Choose a line"] } },
            );
          }
          const target = candidates.find((l) => l.remaining > 0) ?? candidates[0]!;
          const existing = await repo.existingSerials(tx, [input.serial]);
          const checked = checkReceipt({
            rows: [{ line: 1, serial: input.serial, model: target.modelId, po: null }],
            po: { number: loaded.po.number, lines: [target] },
            allModels: await repo.models(tx),
            existing,
          })[0]!;
          if (checked.errors.length) {
            const isDuplicate = checked.errors.some((e) => e.startsWith("already received"));
            throw new AppError(
              isDuplicate ? "CONFLICT" : "BAD_REQUEST",
              `${input.serial}: ${checked.errors.join("; ")}`,
              { fieldErrors: { serial: checked.errors } },
            );
          }
          const { created, updated, status } = await commit(ctx, tx, input.poId, [checked], loaded, "scan");
          const l = updated[0]!;
          return {
            key: { id: created[0]!.id, serial: created[0]!.serial, model: target.model },
            line: { id: l.id, receivedQuantity: l.receivedQuantity, quantity: l.quantity },
            poStatus: status,
          };
        });
      } catch (e) {
        if (isUniqueViolation(e)) return raceConflict([input.serial]);
        throw e;
      }
    },

    /** Counts for the whole file; the rows themselves only up to CSV_PREVIEW_ROWS, problems first. */
    async previewCsv(input: { poId: string; csv: string }) {
      refuseOversized(input.csv);
      const { rows, fileErrors } = readReceiptCsv(input.csv);
      const malformed = new Set(
        fileErrors.map((m) => Number(/^Line (\d+)/.exec(m)?.[1])).filter((n) => n > 0),
      );
      // Read-only, but inside a transaction so the lock gives a consistent view of the order.
      const { checked } = await uow.run((tx) => check(tx, input.poId, rows, malformed));
      const problems = checked.filter((r) => r.errors.length);
      const fatal = fileErrors.filter((m) => !/^Line \d+: expected/.test(m));
      const shownErrors =
        fileErrors.length > MAX_FILE_ERRORS
          ? [
              ...fileErrors.slice(0, MAX_FILE_ERRORS),
              `…and ${fileErrors.length - MAX_FILE_ERRORS} more lines like these.`,
            ]
          : fileErrors;
      return {
        rows: [...problems, ...checked.filter((r) => !r.errors.length)].slice(0, CSV_PREVIEW_ROWS),
        rowCount: checked.length,
        fileErrors: shownErrors,
        validCount: checked.length - problems.length,
        errorCount: problems.length,
        canCommit: fatal.length === 0 && problems.length === 0 && checked.length > 0,
      };
    },

    /** All or nothing: any problem on any row and nothing is received. */
    async commitCsv(ctx: RequestContext, input: { poId: string; csv: string }) {
      refuseOversized(input.csv);
      const { rows, fileErrors } = readReceiptCsv(input.csv);
      const malformed = new Set(
        fileErrors.map((m) => Number(/^Line (\d+)/.exec(m)?.[1])).filter((n) => n > 0),
      );
      try {
        return await uow.run(async (tx) => {
          const { checked, ...loaded } = await check(tx, input.poId, rows, malformed);
          const bad = checked.filter((r) => r.errors.length);
          if (fileErrors.length || bad.length || checked.length === 0) {
            throw new AppError(
              "BAD_REQUEST",
              `Nothing was received: ${bad.length} row${bad.length === 1 ? "" : "s"} with problems${fileErrors.length ? `; ${fileErrors[0]}` : ""}.`,
              {
                fileErrors,
                rows: bad.slice(0, 500),
                fieldErrors: Object.fromEntries(bad.slice(0, 500).map((r) => [`line.${r.line}`, r.errors])),
              },
            );
          }
          const { created, status } = await commit(ctx, tx, input.poId, checked, loaded, "csv");
          return { received: created.length, poStatus: status };
        });
      } catch (e) {
        if (isUniqueViolation(e)) return raceConflict(rows.map((r) => r.serial.trim().toUpperCase()));
        throw e;
      }
    },
  };
}
