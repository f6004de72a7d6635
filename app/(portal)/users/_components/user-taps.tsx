"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge } from "@/app/_components/badge";
import { formatDateTime, humanize } from "@/app/_components/format";
import type { RouterOutputs } from "@/app/_lib/trpc";
import { isLive, shownTapState } from "./tap-shown-state";

type Tap = RouterOutputs["users"]["get"]["taps"][number];

/** How often an open page with a live pass looks again (a render of stored state: no Graph call). */
const POLL_MS = 30_000;

/**
 * The passes issued to this person. While one is live the page re-reads itself every 30 s, so a one-time
 * pass spent in Entra reads "Used" once a sync or a case step has seen it, and one past its expiry reads
 * "Expired" at once, without a reload.
 */
export function UserTaps({ taps }: { taps: Tap[] }) {
  const router = useRouter();
  const [now, setNow] = useState(() => new Date());
  const hasLive = taps.some((t) => isLive(shownTapState(t, now)));
  useEffect(() => {
    if (!hasLive) return;
    const timer = setInterval(() => {
      setNow(new Date());
      router.refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [hasLive, router]);
  if (!taps.length) return <p className="text-sm text-slate-500">None issued.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="user-taps">
      {taps.map((t) => {
        const state = shownTapState(t, now);
        return (
          <li key={t.id} className="flex items-start justify-between gap-2">
            <span>
              {t.reason}
              <span className="block text-xs text-slate-500">
                {formatDateTime(t.createdAt)} · {t.lifetimeMinutes} min
                {t.isUsableOnce ? ", one-time" : ""}
              </span>
            </span>
            <Badge tone={state === "active" ? "warning" : "neutral"}>{humanize(state)}</Badge>
          </li>
        );
      })}
    </ul>
  );
}
