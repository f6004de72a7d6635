import { z } from "zod";

const int = z.number().int();

export const failuresInput = z.object({ weeks: int.min(1).max(26).default(4) });

export const failuresOutput = z.object({
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
