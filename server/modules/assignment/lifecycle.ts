import { AppError } from "@/server/errors";
import { keyStatuses, type KeyStatusName } from "@/server/modules/inventory/key-statuses.constants";

// The key lifecycle, exactly as docs/ARCHITECTURE.md draws it, and the one place that says which status may go to
// which. Services check a move here before the version-guarded update, and pass `from` to that update
// so a key that changed in between is refused by the database too.
//
//   ordered ─receive→ in_stock ─assign→ assigned ─(sync sees the credential)→ active
//   in_stock → reserved (for a case) → assigned
//   assigned|active → returned → (wiped) in_stock | retired
//   assigned|active → lost | stolen | damaged  (credential revoked in Entra)
//   any → retired (destroyed / end of life)

export const transitions = {
  receive: { from: ["ordered"], to: "in_stock" },
  reserve: { from: ["in_stock"], to: "reserved" },
  assign: { from: ["in_stock", "reserved"], to: "assigned" },
  activate: { from: ["assigned"], to: "active" },
  return: { from: ["assigned", "active"], to: "returned" },
  wipe: { from: ["returned"], to: "in_stock" },
  markLost: { from: ["assigned", "active"], to: "lost" },
  markStolen: { from: ["assigned", "active"], to: "stolen" },
  markDamaged: { from: ["assigned", "active"], to: "damaged" },
  retire: { from: keyStatuses.filter((s) => s !== "retired"), to: "retired" },
} as const satisfies Record<string, { from: readonly KeyStatusName[]; to: KeyStatusName }>;

export type Transition = keyof typeof transitions;

const verbs: Record<Transition, string> = {
  receive: "received",
  reserve: "reserved",
  assign: "assigned",
  activate: "activated",
  return: "returned",
  wipe: "wiped back to stock",
  markLost: "marked lost",
  markStolen: "marked stolen",
  markDamaged: "marked damaged",
  retire: "retired",
};

const human = (s: string) => s.replace(/_/g, " ");

export const fromStatuses = (t: Transition): KeyStatusName[] => [...transitions[t].from];
export const targetStatus = (t: Transition): KeyStatusName => transitions[t].to;
export const canTransition = (status: KeyStatusName, t: Transition): boolean =>
  (transitions[t].from as readonly string[]).includes(status);

// Groups of statuses other modules ask about, read off the table so they cannot drift from it.
/** With a user: what a user can hand back (assigned, active). */
export const withUserStatuses: readonly KeyStatusName[] = fromStatuses("return");
/** Held by or for someone: with a user, or reserved for one. */
export const heldStatuses: readonly KeyStatusName[] = [targetStatus("reserve"), ...withUserStatuses];
/** On a shelf and promised to nobody: in stock, or checked in and waiting for its wipe. */
export const shelfStatuses: readonly KeyStatusName[] = [targetStatus("wipe"), ...fromStatuses("wipe")];

/** "in stock or reserved"; every status but one reads "not retired". */
export function describeStatuses(list: readonly KeyStatusName[]): string {
  const missing = keyStatuses.filter((s) => !list.includes(s));
  return missing.length === 1 && list.length > 2 ? `not ${human(missing[0]!)}` : list.map(human).join(" or ");
}

/** Every status a key in `status` may move to next. */
export const nextStatuses = (status: KeyStatusName): KeyStatusName[] => [
  ...new Set(
    (Object.keys(transitions) as Transition[]).filter((t) => canTransition(status, t)).map(targetStatus),
  ),
];

/** Refuses a move the lifecycle does not draw, naming the key's current state. */
export function assertTransition(
  key: { id: string; serial: string; status: KeyStatusName; version: number },
  t: Transition,
): KeyStatusName {
  if (!canTransition(key.status, t)) {
    const allowed = describeStatuses(transitions[t].from);
    throw new AppError(
      "CONFLICT",
      `Key ${key.serial} is ${human(key.status)}; only a key that is ${allowed} can be ${verbs[t]}.`,
      {
        keyId: key.id,
        status: key.status,
        version: key.version,
        transition: t,
      },
    );
  }
  return targetStatus(t);
}

/**
 * A key with a user whose credential is still live in Entra must lose it there first (docs/ARCHITECTURE.md: "credential
 * revoked in Entra"), or the person keeps signing in with a key the inventory says is gone.
 */
export function assertNoLiveCredential(
  key: {
    id: string;
    serial: string;
    status: KeyStatusName;
    credential: { id: string; removedAt: Date | null } | null;
  },
  verb: string,
): void {
  if (key.credential && !key.credential.removedAt && withUserStatuses.includes(key.status)) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `Key ${key.serial} still has a live credential in Entra; delete the credential before it is ${verb}.`,
      {
        keyId: key.id,
        status: key.status,
        credentialId: key.credential.id,
      },
    );
  }
}
