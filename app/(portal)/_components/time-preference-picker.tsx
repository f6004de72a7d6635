"use client";

import { useEffect, useId, useState } from "react";
import {
  currentTimePreference,
  serializeTimePreference,
  TIME_COOKIE,
  TIME_COOKIE_MAX_AGE,
  zoneAbbreviation,
  type TimePreference,
} from "@/app/_components/time-preference";

/** "Times in: UTC | Local time (CET)": stored in a cookie and applied by reloading, so every time agrees. */
export function TimePreferencePicker() {
  const id = useId();
  const current = currentTimePreference();
  // The browser's zone is only known in the browser: the server renders the option without it.
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  useEffect(() => setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const zone = current.mode === "local" ? current.zone : browserZone;

  function choose(mode: string) {
    const next: TimePreference =
      mode === "local" && browserZone ? { mode: "local", zone: browserZone } : { mode: "utc" };
    document.cookie = `${TIME_COOKIE}=${encodeURIComponent(serializeTimePreference(next))}; path=/; max-age=${TIME_COOKIE_MAX_AGE}; samesite=lax`;
    window.location.reload();
  }

  return (
    <div className="px-4 pt-3 text-xs">
      <label htmlFor={id} className="block text-brand-100">
        Show times in
      </label>
      <select
        id={id}
        value={current.mode}
        onChange={(e) => choose(e.target.value)}
        data-testid="time-preference"
        className="mt-1 w-full rounded-md border border-white/20 bg-brand-900 px-2 py-1.5 text-white"
      >
        <option value="utc">UTC</option>
        <option value="local" disabled={!zone}>
          {zone ? `Local time (${zoneAbbreviation(new Date(), zone)}, ${zone})` : "Local time"}
        </option>
      </select>
    </div>
  );
}
