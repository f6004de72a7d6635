// How a person wants times shown: in UTC (the default: audit times are unambiguous) or in their browser's
// own zone with its abbreviation. Kept in a cookie, not in the database: the browser knows its zone, and
// the server reads the same cookie, so a server-rendered page and the browser's render agree (no
// hydration mismatch). docs/ACCESSIBILITY.md, "Local time".

export const TIME_COOKIE = "kf-time";
/** A year: the preference is a display setting, not a secret, and should outlive a sign-out. */
export const TIME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export type TimePreference = { mode: "utc" } | { mode: "local"; zone: string };
export const UTC_PREFERENCE: TimePreference = { mode: "utc" };

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** "utc" or "local:Europe/Berlin"; anything else (a tampered or stale cookie) means UTC. */
export function parseTimePreference(value: string | null | undefined): TimePreference {
  const zone = value?.startsWith("local:") ? value.slice("local:".length) : null;
  return zone && zone.length <= 64 && isTimeZone(zone) ? { mode: "local", zone } : UTC_PREFERENCE;
}

export const serializeTimePreference = (p: TimePreference): string =>
  p.mode === "utc" ? "utc" : `local:${p.zone}`;

/** The preference's value in a Cookie header or `document.cookie`. */
export function timeCookieValue(cookieHeader: string): string | null {
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === TIME_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (key: string, make: () => Intl.DateTimeFormat) => {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
};
const dateTimeIn = (zone: string) =>
  formatter(
    `dt:${zone}`,
    () => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone }),
  );
const zoneNameIn = (zone: string, locale: string) =>
  formatter(
    `tz:${locale}:${zone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" }),
  );

/**
 * The zone's short name at that instant ("CET", "BST", "EST"): British English first, which knows the
 * European names; American English for the American ones; else the offset Intl gives ("GMT+5:30").
 */
export function zoneAbbreviation(d: Date, zone: string): string {
  const name = (locale: string) =>
    zoneNameIn(zone, locale)
      .formatToParts(d)
      .find((p) => p.type === "timeZoneName")?.value ?? "";
  const gb = name("en-GB");
  if (!gb.startsWith("GMT") || gb === "GMT") return gb;
  const us = name("en-US");
  return /^[A-Z]{2,5}$/.test(us) ? us : gb;
}

/** "4 Dec 2026, 03:08 UTC" or, in local time, "4 Dec 2026, 04:08 CET". */
export function formatInstant(d: Date, p: TimePreference): string {
  if (p.mode === "utc") return `${dateTimeIn("UTC").format(d)} UTC`;
  return `${dateTimeIn(p.zone).format(d)} ${zoneAbbreviation(d, p.zone)}`;
}

const READER = Symbol.for("keyfleet.timeCookieReader");
type Reader = () => string | null;

/** Installed once on the server (app/_lib/time-preference.server.ts): the current request's cookie. */
export const installServerTimeCookieReader = (read: Reader): void => {
  (globalThis as Record<symbol, Reader | undefined>)[READER] = read;
};

let lastCookie: string | null = null;
let lastPreference: TimePreference = UTC_PREFERENCE;
/** The preference of whoever is looking: the browser's cookie, or on the server the request's. */
export function currentTimePreference(): TimePreference {
  const value =
    typeof document !== "undefined"
      ? timeCookieValue(document.cookie)
      : ((globalThis as Record<symbol, Reader | undefined>)[READER]?.() ?? null);
  if (value !== lastCookie) {
    lastCookie = value;
    lastPreference = parseTimePreference(value);
  }
  return lastPreference;
}
