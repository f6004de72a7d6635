import { ZodRealError, type ZodError } from "zod";
import { DATE_RANGE_MESSAGE, isStorableDate } from "@/server/lib/date-range";

// Values that turned into 500s deep in the stack (found by the hostile-input fuzz): PostgreSQL refuses
// U+0000 in text and jsonb; an unpaired UTF-16 surrogate (JSON can carry "\udfff") makes
// encodeURIComponent throw when the value goes into a Graph URL; a date in the year 174170 fails in
// the query. One check at the edge, for every procedure, reported like any other validation error: on
// the field that holds the value. (Dates coerced from strings are bounded in their schema instead.)

const NUL = "contains a NUL character; text must be plain UTF-8 (was a binary or UTF-16 file read as text?)";
const SURROGATE = "contains an unpaired surrogate, which is not valid Unicode text";
// With the u flag a valid pair is one astral code point, so only a lone surrogate is category Cs.
const LONE_SURROGATE = /\p{Cs}/u;
const problemOf = (text: string) =>
  text.includes("\u0000") ? NUL : LONE_SURROGATE.test(text) ? SURROGATE : null;
const MAX_DEPTH = 32;

type Issue = { code: "custom"; path: PropertyKey[]; message: string; input: unknown };

/** Every place in `value` (strings, object keys, dates, nested arrays/objects) we cannot store. */
export function unstorableInputIssues(value: unknown): Issue[] {
  const issues: Issue[] = [];
  const visit = (v: unknown, path: PropertyKey[], depth: number) => {
    if (typeof v === "string") {
      const message = problemOf(v);
      if (message) issues.push({ code: "custom", path, message, input: undefined });
      return;
    }
    if (typeof v !== "object" || v === null || depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i], depth + 1));
      return;
    }
    if (v instanceof Date) {
      // An invalid date is left to the schema, which says so in its own words.
      if (!Number.isNaN(v.getTime()) && !isStorableDate(v))
        issues.push({ code: "custom", path, message: DATE_RANGE_MESSAGE, input: undefined });
      return;
    }
    for (const [key, item] of Object.entries(v)) {
      const message = problemOf(key);
      if (message) issues.push({ code: "custom", path: [...path, key], message, input: undefined });
      else visit(item, [...path, key], depth + 1);
    }
  };
  visit(value, [], 0);
  return issues;
}

/** A ZodError for what in `value` cannot be stored (so the error formatter reports it per field), or null.
 *  A ZodRealError: a bare ZodError is not an Error, and tRPC would wrap it and lose the field errors. */
export function unstorableInputError(value: unknown): ZodError | null {
  const issues = unstorableInputIssues(value);
  return issues.length ? new ZodRealError(issues as ConstructorParameters<typeof ZodRealError>[0]) : null;
}
