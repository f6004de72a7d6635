import { z } from "zod";
import { DATE_RANGE_MESSAGE, EARLIEST_DATE, LATEST_DATE } from "@/server/lib/date-range";

// Coerced from the URL's strings, so the range check cannot happen before parsing (see input-hygiene).
const boundedDate = z.coerce
  .date()
  .min(EARLIEST_DATE, DATE_RANGE_MESSAGE)
  .max(LATEST_DATE, DATE_RANGE_MESSAGE);

export const auditListInput = z.object({
  action: z.string().trim().max(100).optional(),
  actorId: z.string().trim().max(200).optional(),
  subjectType: z.string().trim().max(100).optional(),
  subjectId: z.string().trim().max(200).optional(),
  from: boundedDate.optional(),
  to: boundedDate.optional(),
  // At most 18 digits: a larger number does not fit the bigint sequence column.
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "expected an event sequence number")
    .optional(),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const auditExportInput = auditListInput
  .omit({ cursor: true, pageSize: true })
  .extend({ format: z.enum(["csv", "json"]) });

export const auditExportOutput = z.object({
  filename: z.string(),
  mimeType: z.string(),
  content: z.string(),
  rows: z.number().int(),
  isTruncated: z.boolean(),
});

const json = z.unknown();

export const auditEventOutput = z.object({
  seq: z.string(),
  at: z.date(),
  actorId: z.string(),
  actorName: z.string(),
  role: z.string(),
  action: z.string(),
  /** The action in words ("Key assigned" for keys.assign). */
  actionName: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  /** The subject in words: its kind, its name today and its page (null when it no longer exists). */
  subjectKind: z.string(),
  subjectName: z.string().nullable(),
  subjectHref: z.string().nullable(),
  /** The before/after in words; `before` and `after` keep the raw record. */
  changes: z.array(
    z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  ),
  before: json,
  after: json,
  requestId: z.string(),
  hash: z.string(),
  prevHash: z.string(),
});

export const auditListOutput = z.object({
  items: z.array(auditEventOutput),
  total: z.number().int(),
  nextCursor: z.string().optional(),
  /** The filtered actor's and subject's names today (null when unknown), for the filter's label. */
  applied: z.object({ actor: z.string().nullable(), subject: z.string().nullable() }),
});

export const auditPickInput = z.object({
  q: z.string().trim().min(2, "Type at least two letters of the name.").max(100),
});
export const auditActorsOutput = z.array(z.object({ id: z.string(), name: z.string(), role: z.string() }));
export const auditSubjectsOutput = z.array(
  z.object({ subjectType: z.string(), id: z.string(), name: z.string(), kind: z.string() }),
);

export const auditVerifyOutput = z.union([
  z.object({ ok: z.literal(true), checked: z.number().int() }),
  z.object({ ok: z.literal(false), checked: z.number().int(), brokenAt: z.string(), reason: z.string() }),
]);
