// What the user page's pass badge says now: the server's state as of the render, moved on by the clock
// (a pass that started or expired since). "Used" and "revoked" come only from the server.

export type TapState = "active" | "scheduled" | "used" | "expired" | "revoked";

export function shownTapState(t: { state: TapState; startAt: Date; expiresAt: Date }, now: Date): TapState {
  if (t.state !== "active" && t.state !== "scheduled") return t.state;
  if (t.expiresAt.getTime() <= now.getTime()) return "expired";
  return t.startAt.getTime() > now.getTime() ? "scheduled" : "active";
}

/** A pass that may still change by itself (used in Entra, started, expired): worth looking again. */
export const isLive = (state: TapState) => state === "active" || state === "scheduled";
