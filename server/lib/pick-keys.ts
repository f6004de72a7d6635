/** A copy of `o` with only `keys` (each one present, `undefined` when `o` lacks it). */
export function pickKeys<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
