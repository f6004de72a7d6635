import { isGraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";

// The one way KeyFleet deletes something of a user's in Entra (a passkey, a Temporary Access Pass):
// exactly once, where "not found" (404) means it is already gone — the outcome wanted, never an error.
// A resumed attempt (the first one's outcome unknown: a timeout, a crash) asks Entra first, so a retry
// never sends a second DELETE for what the first one removed.

export type EntraDeletable = "fido2" | "tap";

const isGone = (e: unknown) => isGraphError(e) && e.kind === "not_found";

/** Runs `call`; "not found" becomes `true` (already gone), every other failure is thrown as is. */
async function goneIfNotFound(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return false;
  } catch (e) {
    if (isGone(e)) return true;
    throw e;
  }
}

/**
 * Deletes the user's credential `id` in Entra at most once. `isResume`: an earlier attempt may have
 * deleted it already, so Entra is asked first (a passkey is read; a pass has no single read, so the
 * user's list is). Returns whether it was already gone (nothing deleted by this call).
 */
export async function deleteOnce(
  graph: GraphPort,
  kind: EntraDeletable,
  userId: string,
  id: string,
  opts: { isResume?: boolean } = {},
): Promise<{ alreadyGone: boolean }> {
  if (opts.isResume) {
    const gone =
      kind === "fido2"
        ? await goneIfNotFound(() => graph.getFido2Method(userId, id))
        : !(await graph.listTemporaryAccessPasses(userId)).some((t) => t.id === id);
    if (gone) return { alreadyGone: true };
  }
  const alreadyGone = await goneIfNotFound(() =>
    kind === "fido2" ? graph.deleteFido2Method(userId, id) : graph.deleteTemporaryAccessPass(userId, id),
  );
  return { alreadyGone };
}

/** Reads something that may be gone: null when Entra answers "not found". */
export async function orNullIfGone<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (isGone(e)) return null;
    throw e;
  }
}
