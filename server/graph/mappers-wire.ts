// The mappers' readers of wire JSON: a field of the wrong type reads as absent, never as an error.

export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const nstr = (v: unknown): string | null | undefined =>
  typeof v === "string" ? v : v === null ? null : undefined;
export const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
export const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/** Drops keys whose value is undefined so objects compare cleanly. */
export function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
