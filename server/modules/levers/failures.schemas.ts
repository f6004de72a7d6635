import { z } from "zod";

const int = z.number().int();

export const failuresInput = z.object({
  weeks: int.min(1).max(26).default(4),
  /** "Repeated failures": at least this many in the last `repeatDays` days. */
  repeatAtLeast: int.min(2, "At least 2 failures").max(100, "At most 100 failures").default(3),
  repeatDays: int.min(1, "At least 1 day").max(182, "At most 182 days").default(7),
});

/** One count's sign-ins: the same window, narrowed by any of the counts' keys. */
export const failureFilter = z.object({
  weeks: int.min(1).max(26).default(4),
  errorCode: int.optional(),
  model: z.string().trim().max(200).optional(),
  site: z.string().trim().max(50).optional(),
  /** A week's Monday, YYYY-MM-DD. */
  week: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "A week as YYYY-MM-DD")
    .optional(),
  userId: z.string().trim().max(100).optional(),
});
export const failureListInput = failureFilter.extend({ page: int.min(1).max(10_000).default(1) });
export const failureRow = z.object({
  id: z.string(),
  at: z.date(),
  userId: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  errorCode: int,
  reason: z.string().nullable(),
  model: z.string(),
  site: z.string(),
});
export const failureListOutput = z.object({
  total: int,
  page: int,
  pageSize: int,
  rows: z.array(failureRow),
});

export const failuresOutput = z.object({
  repeat: z.object({ atLeast: int, days: int }),
  total: int,
  people: int,
  byCode: z.array(z.object({ errorCode: int, reason: z.string().nullable(), count: int })),
  byModel: z.array(z.object({ model: z.string(), count: int })),
  bySite: z.array(z.object({ site: z.string(), count: int })),
  perWeek: z.array(z.object({ weekStart: z.string(), count: int })),
  repeated: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      failures: int,
      lastAt: z.date(),
    }),
  ),
});
