import { z } from "zod";
import { serialSchema } from "@/server/modules/inventory/inventory.schemas";

export const poStatuses = [
  "draft",
  "ordered",
  "partially_received",
  "received",
  "cancelled",
  "closed",
] as const;
export type PoStatus = (typeof poStatuses)[number];
const id = z.string().trim().min(1).max(100);

export const poLineInput = z.object({
  modelId: id,
  quantity: z
    .number({ error: "Quantity is a number" })
    .int("Quantity is a whole number")
    .min(1, "At least 1")
    .max(100_000, "At most 100 000"),
  unitCostCents: z
    .number({ error: "Unit cost is a number" })
    .int()
    .min(0, "Cost cannot be negative")
    .max(10_000_000),
});
export const poFields = z.object({
  vendor: z.string().trim().min(1, "Vendor is required").max(100),
  siteId: id,
  expectedDate: z.coerce.date({ error: "Expected date is a date" }).nullable().default(null),
  notes: z.string().trim().max(2000).nullable().default(null),
  lines: z.array(poLineInput).min(1, "Add at least one line").max(50, "At most 50 lines"),
});
export const poCreateInput = poFields;
export const poUpdateInput = poFields.extend({ id });
export type PoInput = z.infer<typeof poFields>;

export const poSortColumns = ["number", "status", "expected", "created"] as const;
export const poListInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  sort: z
    .object({ id: z.enum(poSortColumns), desc: z.boolean() })
    .nullable()
    .default(null),
  status: z.enum(poStatuses).optional(),
  isOpen: z.boolean().optional(),
  isOverdue: z.boolean().optional(),
  q: z.string().trim().max(100).optional(),
});
export type PoListInput = z.infer<typeof poListInput>;
export const poExportInput = poListInput.omit({ page: true, pageSize: true });
export type PoExportInput = z.infer<typeof poExportInput>;
export const poRowOutput = z.object({
  id: z.string(),
  number: z.string(),
  vendor: z.string(),
  status: z.enum(poStatuses),
  site: z.string(),
  expectedDate: z.date().nullable(),
  createdAt: z.date(),
  quantity: z.number().int(),
  received: z.number().int(),
  totalCents: z.number().int(),
  isOverdue: z.boolean(),
});
export type PoRow = z.infer<typeof poRowOutput>;
export const poListOutput = z.object({ items: z.array(poRowOutput), total: z.number().int() });

export const poIdInput = z.object({ id });
export const poCancelInput = z.object({
  id,
  reason: z.string().trim().min(3, "Say why the order is cancelled").max(500),
});
/** Closing short gives up what is still to come on every line; a reason is kept with the order. */
export const poCloseInput = z.object({
  id,
  reason: z.string().trim().min(3, "Say why the rest of the order is not coming").max(500),
});
export const receivedKeysInput = z.object({
  poId: id,
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export const receivedKeysOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      serial: z.string(),
      model: z.string(),
      status: z.string(),
      site: z.string(),
      receivedAt: z.date(),
    }),
  ),
  total: z.number().int(),
});
export const poDetailOutput = poRowOutput.extend({
  siteId: z.string(),
  notes: z.string().nullable(),
  orderedAt: z.date().nullable(),
  receivedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  closeReason: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      modelId: z.string(),
      model: z.string(),
      vendor: z.string(),
      quantity: z.number().int(),
      unitCostCents: z.number().int(),
      receivedQuantity: z.number().int(),
      cancelledQuantity: z.number().int(),
    }),
  ),
});
export type PoDetail = z.infer<typeof poDetailOutput>;

// ─── Receiving ────────────────────────────────────────────────────────────────
export const receiveScanInput = z.object({ poId: id, lineId: id.optional(), serial: serialSchema });
export const receiveScanOutput = z.object({
  key: z.object({ id: z.string(), serial: z.string(), model: z.string() }),
  line: z.object({ id: z.string(), receivedQuantity: z.number().int(), quantity: z.number().int() }),
  poStatus: z.enum(poStatuses),
});
export const MAX_CSV_BYTES = 2_000_000;
/** Rows one CSV import may hold; the preview shows this many of them. */
export const MAX_CSV_ROWS = 10_000;
export const CSV_PREVIEW_ROWS = 50;
export const receiveCsvInput = z.object({
  poId: id,
  csv: z
    .string()
    .min(1, "The file is empty")
    .max(
      MAX_CSV_BYTES,
      "The file is larger than 2 MB: split it into smaller files and receive them one after another.",
    ),
});
export const receiptRowOutput = z.object({
  line: z.number().int(),
  serial: z.string(),
  model: z.string().nullable(),
  lineId: z.string().nullable(),
  errors: z.array(z.string()),
});
export type ReceiptRow = z.infer<typeof receiptRowOutput>;
export const receiveCsvPreviewOutput = z.object({
  /** At most CSV_PREVIEW_ROWS: the rows with problems first, then the others, each group in file order. */
  rows: z.array(receiptRowOutput),
  /** Rows in the file (the header not counted). */
  rowCount: z.number().int(),
  fileErrors: z.array(z.string()),
  validCount: z.number().int(),
  errorCount: z.number().int(),
  canCommit: z.boolean(),
});
export const receiveCsvCommitOutput = z.object({ received: z.number().int(), poStatus: z.enum(poStatuses) });

// ─── Forecast ─────────────────────────────────────────────────────────────────
export const forecastInput = z
  .object({ horizonDays: z.number().int().min(7).max(365).default(90) })
  .default({ horizonDays: 90 });
export const forecastLineOutput = z.object({
  siteId: z.string(),
  site: z.string(),
  modelId: z.string(),
  model: z.string(),
  /** One of the organisation's standard models (standard-model.ts). */
  isStandard: z.boolean(),
  waveDemand: z.number().int(),
  replacementDemand: z.number().int(),
  reorderPoint: z.number().int(),
  inStock: z.number().int(),
  onOrder: z.number().int(),
  recommendedQuantity: z.number().int(),
  neededBy: z.date(),
  orderBy: z.date(),
  isLate: z.boolean(),
  waves: z.array(z.string()),
});
export const forecastOutput = z.object({
  generatedAt: z.date(),
  horizonDays: z.number().int(),
  lossRate: z.object({
    losses: z.number().int(),
    exposure: z.number().int(),
    windowDays: z.number().int(),
    perKeyPerYear: z.number(),
  }),
  standardModels: z.array(z.object({ modelId: z.string(), model: z.string() })),
  lines: z.array(forecastLineOutput),
  usersWithoutSite: z.number().int(),
});
export type ForecastResult = z.infer<typeof forecastOutput>;
