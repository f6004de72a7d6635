import { z } from "zod";

// The user's Temporary Access Passes as Entra last listed them (only metadata: Graph never returns a pass
// after it was created), and what follows from a stored read. A leaf: zod only, so the repository, the
// TAP state and the case view share these types without importing each other.

export const HOUR_MS = 60 * 60_000;

export const storedTap = z.object({
  id: z.string(),
  isUsable: z.boolean().nullable(),
  methodUsabilityReason: z.string().nullable(),
  lifetimeInMinutes: z.number().int().nullable(),
  startDateTime: z.string().nullable(),
  createdDateTime: z.string().nullable(),
  isUsableOnce: z.boolean().nullable(),
});
export type StoredTap = z.infer<typeof storedTap>;
export interface TapRead {
  readAt: Date | null;
  taps: StoredTap[];
}

/** The stored JSON as passes; anything malformed counts as never read, so the page offers a refresh. */
export function parseStoredTaps(raw: unknown, readAt: Date | null): TapRead {
  const parsed = z.array(storedTap).safeParse(raw);
  return parsed.success ? { readAt, taps: parsed.data } : { readAt: null, taps: [] };
}

export const expiresAtOf = (t: StoredTap) => {
  const from = t.startDateTime ?? t.createdDateTime;
  return from && t.lifetimeInMinutes !== null
    ? new Date(Date.parse(from) + t.lifetimeInMinutes * 60_000)
    : null;
};

/** Usable as of the last read and not expired since: the passes closing a case offers to revoke. */
export const isStillUsable = (t: StoredTap, now: Date) =>
  t.isUsable === true && (expiresAtOf(t)?.getTime() ?? Infinity) > now.getTime();
