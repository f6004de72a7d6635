/** A share in percent with one decimal, or null when there is nothing to share. */
export const pct = (n: number, of: number): number | null => (of ? Math.round((n / of) * 1000) / 10 : null);
/** A share as the panels show it: "—" when there is none. */
export const showPct = (v: number | null) => (v === null ? "—" : `${v}%`);
