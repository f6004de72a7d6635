// Prefix search on a btree index: a range (any collation) with startsWith keeping the result exact.

export const range = (q: string) => ({ gte: q, lt: `${q}\uffff`, startsWith: q });

/** "ada lovelace" → "Ada Lovelace": names are stored capitalised, people type them in lower case. */
export const titleCase = (q: string) =>
  q.replace(/(^|\s)(\p{Ll})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase());
