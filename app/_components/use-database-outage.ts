"use client";

import { useEffect, useState } from "react";

// An error page cannot see why a server component failed (production strips the message), so it asks
// /api/health whether the database is the reason, and keeps asking until it is back.

export type DatabaseState = { kind: "checking" } | { kind: "up" } | { kind: "down"; message: string };

const POLL_MS = 3_000;
const DEFAULT_MESSAGE =
  "The database is not answering. KeyFleet keeps running and reconnects by itself as soon as it is back.";

async function probe(): Promise<DatabaseState> {
  try {
    const res = await fetch("/api/health", { cache: "no-store" });
    const body = (await res.json()) as { status?: string; databaseStatus?: string; message?: string };
    // Signed-in staff get the details; when the session cannot be checked (the database is down) the
    // answer is the anonymous one: the status and the 503.
    const isDown =
      body.databaseStatus === "unavailable" || (res.status === 503 && body.status === "degraded");
    return isDown ? { kind: "down", message: body.message ?? DEFAULT_MESSAGE } : { kind: "up" };
  } catch {
    // The portal itself did not answer: not a database verdict.
    return { kind: "up" };
  }
}

/** The database's state as /api/health sees it; polls while it is down and calls `onBack` when it returns. */
export function useDatabaseOutage(onBack: () => void): DatabaseState {
  const [state, setState] = useState<DatabaseState>({ kind: "checking" });
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasDown = false;
    const tick = async () => {
      const next = await probe();
      if (cancelled) return;
      setState(next);
      if (next.kind === "down") {
        wasDown = true;
        timer = setTimeout(tick, POLL_MS);
      } else if (wasDown) onBack();
    };
    void tick();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [onBack]);
  return state;
}
