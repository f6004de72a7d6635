// One field map for validation problems, the same on the server (tRPC's error formatter) and in the
// browser (forms that check before sending): a dotted path, or "(input)" for the whole input → messages.
// Paths come from the caller's input, so a key may be "__proto__" or "constructor": a Map, not an object
// literal, collects them.

/** zod issues → field path → messages. */
export function fieldErrorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "(input)";
    out.set(key, [...(out.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
}
