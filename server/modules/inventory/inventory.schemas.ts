import { z } from "zod";
import { keyStatuses } from "./key-statuses.constants";
import { keyPageActions } from "./key-page-actions.constants";
import { caseKinds, caseStatuses } from "@/server/modules/cases/case-enums.schemas";

export { keyStatuses };

const id = z.string().trim().min(1).max(100);
/** Serials as a scanner types them: trimmed, upper-cased, no spaces inside. */
export const serialSchema = z
  .string()
  .trim()
  .min(3, "A serial has at least 3 characters")
  .max(64, "A serial has at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "A serial is letters, digits and . _ - / only")
  .transform((s) => s.toUpperCase());

export const keySortColumns = ["serial", "status", "model", "site", "changed"] as const;
export const keyFilter = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(keyStatuses).optional(),
  siteId: id.optional(),
  modelId: id.optional(),
  custodianId: id.optional(),
});
export const keyListInput = keyFilter.extend({
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  sort: z
    .object({ id: z.enum(keySortColumns), desc: z.boolean() })
    .nullable()
    .default(null),
});
export type KeyFilter = z.infer<typeof keyFilter>;
export type KeyListInput = z.infer<typeof keyListInput>;

export const keyRowOutput = z.object({
  id: z.string(),
  serial: z.string(),
  vendor: z.string(),
  modelId: z.string(),
  model: z.string(),
  siteId: z.string(),
  site: z.string(),
  status: z.enum(keyStatuses),
  custodianId: z.string().nullable(),
  custodian: z.string().nullable(),
  statusChangedAt: z.date(),
  version: z.number().int(),
});
export type KeyRow = z.infer<typeof keyRowOutput>;
export const keyListOutput = z.object({ items: z.array(keyRowOutput), total: z.number().int() });
export const keyExportInput = keyListInput.omit({ page: true, pageSize: true });
/** What every CSV export returns (see csvExport in ./csv). */
export const csvExportOutput = z.object({
  filename: z.string(),
  csv: z.string(),
  rows: z.number().int(),
  isTruncated: z.boolean(),
});
export const keyExportOutput = csvExportOutput;

export const keyRef = z.object({ id, version: z.number().int().min(0) });
export const keyTransferInput = z.object({
  keys: z.array(keyRef).min(1, "Select at least one key").max(500, "Transfer at most 500 keys at once"),
  toSiteId: id,
  note: z.string().trim().max(500).optional(),
});
export const keyRetireInput = z.object({
  keys: z.array(keyRef).min(1, "Select at least one key").max(500, "Retire at most 500 keys at once"),
  reason: z.string().trim().min(3, "Say why the keys are retired").max(500),
});
export const bulkResultOutput = z.object({ updated: z.number().int() });

export const keyDetailInput = z.object({ id });
const timelineItem = z.object({
  at: z.date(),
  kind: z.enum(["audit", "received", "assignment", "case", "credential"]),
  title: z.string(),
  detail: z.string().nullable(),
  actor: z.string().nullable(),
});
export const keyDetailOutput = z.object({
  key: keyRowOutput.extend({
    notes: z.string().nullable(),
    createdAt: z.date(),
    poNumber: z.string().nullable(),
    poId: z.string().nullable(),
    custodianUpn: z.string().nullable(),
  }),
  credential: z
    .object({
      id: z.string(),
      methodId: z.string(),
      displayName: z.string().nullable(),
      aaguid: z.string(),
      createdDateTime: z.date().nullable(),
      lastUsedAt: z.date().nullable(),
      matchMethod: z.string().nullable(),
      removedAt: z.date().nullable(),
    })
    .nullable(),
  /** The open assignment's handover (how the key travels to its user), if someone holds the key. */
  handover: z
    .object({
      assignmentId: z.string(),
      handover: z.enum(["in_person", "shipped", "pickup"]).nullable(),
      shippedAt: z.date().nullable(),
      carrierRef: z.string().nullable(),
      deliveredAt: z.date().nullable(),
      readyAt: z.date().nullable(),
    })
    .nullable(),
  timeline: z.array(timelineItem),
  /** The reader lacks `audit.read`: the timeline leaves out audit events and who acted. */
  isAuditHidden: z.boolean(),
  /** What this viewer may do to the key now (role and status): the page's buttons. */
  actions: z.array(z.enum(keyPageActions)),
  /** Cases about the key, newest first; empty for readers without `cases.read`. */
  cases: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      kind: z.enum(caseKinds),
      status: z.enum(caseStatuses),
    }),
  ),
});
export type KeyDetail = z.infer<typeof keyDetailOutput>;

// ─── Stock ────────────────────────────────────────────────────────────────────
export const stockRowOutput = z.object({
  siteId: z.string(),
  site: z.string(),
  siteKind: z.enum(["office", "warehouse"]),
  modelId: z.string(),
  model: z.string(),
  inStock: z.number().int(),
  reserved: z.number().int(),
  assigned: z.number().int(),
  lost: z.number().int(),
  onOrder: z.number().int(),
  reorderPoint: z.number().int().nullable(),
  isLow: z.boolean(),
});
export type StockRow = z.infer<typeof stockRowOutput>;
export const stockSummaryInput = z
  .object({ siteId: id.optional(), onlyLow: z.boolean().default(false) })
  .default({ onlyLow: false });
export const stockSummaryOutput = z.object({ rows: z.array(stockRowOutput), lowCount: z.number().int() });

// ─── Models, sites, reorder points ───────────────────────────────────────────
export const formFactors = [
  "usb_a",
  "usb_c",
  "usb_a_nfc",
  "usb_c_nfc",
  "usb_c_lightning",
  "nano",
  "biometric",
  "other",
] as const;
export const userVerifications = ["pin", "biometric", "pin_and_biometric"] as const;
export const aaguidSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    "An AAGUID looks like 2fc0579f-8113-47ea-b116-bb5a8db9202a",
  );
export const keyModelFields = z.object({
  vendor: z.string().trim().min(1, "Vendor is required").max(100),
  productName: z.string().trim().min(1, "Product name is required").max(150),
  formFactor: z.enum(formFactors),
  certification: z.string().trim().max(100).nullable().default(null),
  userVerification: z.enum(userVerifications).default("pin"),
  credentialSlots: z
    .number({ error: "Slots is a whole number" })
    .int("Slots is a whole number")
    .min(1, "At least 1")
    .max(10_000, "At most 10 000")
    .nullable()
    .default(null),
  supportsPinComplexity: z.boolean().default(false),
  supportsForcedPinChange: z.boolean().default(false),
  unitCostCents: z
    .number({ error: "Unit cost is a number" })
    .int()
    .min(0, "Cost cannot be negative")
    .max(10_000_000, "At most 100 000"),
  leadTimeDays: z
    .number({ error: "Lead time is a number of days" })
    .int("Lead time is whole days")
    .min(0, "Cannot be negative")
    .max(365, "At most 365 days"),
  isActive: z.boolean().default(true),
  aaguids: z.array(aaguidSchema).max(20).default([]),
  /** The built-in catalogue entry the model was made from (docs/CATALOG.md); checked by the service. */
  catalogAaguid: aaguidSchema.nullable().default(null),
});
export const keyModelCreateInput = keyModelFields;
export const keyModelUpdateInput = keyModelFields.extend({ id });
export const keyModelOutput = keyModelFields.extend({ id: z.string(), keyCount: z.number().int() });
export const keyModelOptionOutput = z.object({ id: z.string(), vendor: z.string(), productName: z.string() });
export type KeyModelInput = z.infer<typeof keyModelFields>;
export const unknownAaguidOutput = z.object({
  aaguid: z.string(),
  credentials: z.number().int(),
  exampleModel: z.string().nullable(),
  /** The built-in catalogue's entry for the AAGUID, when it has one: a model can be made from it. */
  catalog: z.object({ vendor: z.string(), product: z.string(), kind: z.string() }).nullable(),
});
export const catalogProductOutput = z.object({
  ref: z.string(),
  vendor: z.string(),
  product: z.string(),
  kind: z.enum(["hardware", "platform", "synced", "authenticator-app"]),
  aaguids: z.array(z.string()),
  certification: z.string().nullable(),
  userVerification: z.array(z.string()).nullable(),
  formFactor: z.string().nullable(),
});
export const mapAaguidInput = z.object({ aaguid: aaguidSchema, modelId: id });

export const siteOutput = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(["office", "warehouse"]),
});
/** The keys page's filter choices, read together. */
export const keyFilterOptionsOutput = z.object({
  sites: z.array(siteOutput),
  models: z.array(keyModelOptionOutput),
});
export const reorderPointInput = z.object({
  siteId: id,
  modelId: id,
  minimum: z
    .number({ error: "A whole number" })
    .int("A whole number")
    .min(0, "Cannot be negative")
    .max(100_000, "At most 100 000"),
});
export const reorderPointOutput = reorderPointInput;

// ─── Site administration ─────────────────────────────────────────────────────
export const siteKinds = ["office", "warehouse"] as const;
/** Optional text from a form: trimmed, and an empty field means "none". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullable()
    .default(null)
    .transform((v) => v || null);
export const siteFields = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(2, "A code has at least 2 characters")
    .max(12, "A code has at most 12 characters")
    .regex(/^[A-Z0-9][A-Z0-9-]*$/, "Letters, digits and - only, e.g. LON or AMS-WH"),
  name: z.string().trim().min(1, "Name is required").max(100, "At most 100 characters"),
  kind: z.enum(siteKinds).default("office"),
  city: optionalText(100),
  country: optionalText(100),
  // Users whose Entra officeLocation equals this belong to the site (forecast, assignment).
  officeLocation: optionalText(200),
});
export type SiteInput = z.infer<typeof siteFields>;
export const siteCreateInput = siteFields;
export const siteUpdateInput = siteFields.extend({ id });
export const siteDetailOutput = siteOutput.extend({
  city: z.string().nullable(),
  country: z.string().nullable(),
  officeLocation: z.string().nullable(),
  keyCount: z.number().int(),
  reorderPoints: z.array(z.object({ modelId: z.string(), minimum: z.number().int() })),
});
