import type { StoredTap } from "@/server/modules/recovery/tap-types";

/** One one-hour, one-time pass as Entra lists it (and sync stores it on the user's row), started at `start`. */
export const listedTap = (
  id: string,
  start: Date,
  usable: { isUsable: boolean; methodUsabilityReason: string },
): StoredTap => ({
  id,
  ...usable,
  lifetimeInMinutes: 60,
  startDateTime: start.toISOString(),
  createdDateTime: start.toISOString(),
  isUsableOnce: true,
});
