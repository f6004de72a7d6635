// An audit event's before/after in words for people ("Status: in stock → reserved"). The trail keeps the
// raw JSON (the export and the hash chain use it); this is only how pages show it.

type Json = unknown;

export interface ReadableChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** Fields holding another record's id: the subject type whose name stands in for the id. */
export const REFERENCE_FIELDS: Record<string, string> = {
  keyId: "SecurityKey",
  custodianId: "DirectoryUser",
  userId: "DirectoryUser",
  caseId: "Case",
  siteId: "Site",
  modelId: "KeyModel",
  waveId: "RolloutWave",
  purchaseOrderId: "PurchaseOrder",
  batchId: "EnrollmentBatch",
};

// Bookkeeping people do not read: the row's optimistic-lock counter, and the id of a key's assignment (the
// event's subject is the key, which the timeline names). The export keeps both.
const HIDDEN = new Set(["version", "assignmentId"]);

const LABELS: Record<string, string> = {
  keyId: "Key",
  custodianId: "Holder",
  userId: "Person",
  caseId: "Case",
  caseNumber: "Case number",
  siteId: "Site",
  modelId: "Model",
  waveId: "Wave",
  purchaseOrderId: "Purchase order",
  batchId: "Enrollment batch",
  matchMethod: "Linked by",
  methodId: "Entra credential",
  graphMethodId: "Entra method",
  carrierRef: "Carrier reference",
  handoverAt: "Handed over",
  alreadyGone: "Already gone in Entra",
  triggeredBy: "Started by",
  isUsableOnce: "One-time use",
  lifetimeMinutes: "Lifetime (minutes)",
};

/** "carrierRef" → "Carrier ref", unless the field has a name of its own. */
export function fieldLabel(field: string): string {
  if (LABELS[field]) return LABELS[field];
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueText(v: Json, nameOf: (id: string) => string | undefined): string | null {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    const named = nameOf(v);
    if (named) return named;
    if (ISO.test(v)) return `${v.slice(0, 10)} ${v.slice(11, 16)} UTC`;
    // Enum values ("in_stock", "mark_lost") read as words; ids and free text stay as written.
    return /^[a-z]+(_[a-z]+)+$/.test(v) ? v.replace(/_/g, " ") : v;
  }
  if (Array.isArray(v)) return v.map((x) => valueText(x, nameOf) ?? "none").join(", ") || null;
  if (typeof v === "object") {
    const o = v as Record<string, Json>;
    if (typeof o.name === "string") return o.name;
    return Object.entries(o)
      .map(([k, x]) => `${fieldLabel(k).toLowerCase()} ${valueText(x, nameOf) ?? "none"}`)
      .join(", ");
  }
  return String(v);
}

const asRecord = (v: Json): Record<string, Json> =>
  v === null || v === undefined
    ? {}
    : typeof v === "object" && !Array.isArray(v)
      ? (v as Record<string, Json>)
      : { value: v };

/**
 * The fields that differ between before and after, in words; a field only in `after` is a value the
 * change set. `nameOf(field, id)` names a referenced record (a key's serial, a person's name) when known.
 */
export function readableChanges(
  before: Json,
  after: Json,
  nameOf: (field: string, id: string) => string | undefined = () => undefined,
): ReadableChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !HIDDEN.has(f));
  const changes: ReadableChange[] = [];
  for (const f of fields) {
    const lookup = (id: string) => (REFERENCE_FIELDS[f] ? nameOf(f, id) : undefined);
    const from = valueText(b[f], lookup);
    const to = valueText(a[f], lookup);
    if (from === to && f in a) continue;
    changes.push({ field: fieldLabel(f), before: f in b ? from : null, after: f in a ? to : null });
  }
  return changes;
}

/** One line for a timeline: "Status: in stock → reserved · Holder: Ada Lovelace". */
export function changeSummary(changes: readonly ReadableChange[]): string | null {
  if (!changes.length) return null;
  return changes
    .map((c) =>
      c.before !== null && c.after !== null
        ? `${c.field}: ${c.before} → ${c.after}`
        : c.after !== null
          ? `${c.field}: ${c.after}`
          : `${c.field}: ${c.before} (removed)`,
    )
    .join(" · ");
}

/** What an action did, in the words a timeline uses after a key's serial ("KF-0001: marked lost"). */
export const ACTION_LABELS: Record<string, string> = {
  "keys.assign": "assigned",
  "keys.return": "returned",
  "keys.wipe": "wiped (FIDO reset) and back in stock",
  "keys.retire": "retired",
  "keys.destroy": "destroyed",
  "keys.mark_lost": "marked lost",
  "keys.mark_stolen": "marked stolen",
  "keys.mark_damaged": "marked damaged",
  "keys.reserve": "reserved",
  "keys.ship": "shipped",
  "keys.ready_for_pickup": "ready for pickup",
  "keys.deliver": "delivery confirmed",
  "users.refresh": "Refreshed from Entra",
  "users.set_site": "Site set by hand",
  "offboarding.credential.delete": "Credential deleted in Entra",
};

/** An action in words for a timeline: "keys.mark_lost" → "Key marked lost", "cases.run_step" → "Cases: run step". */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return action.startsWith("keys.") ? `Key ${known}` : known;
  const [area = "", ...rest] = action.split(".");
  const what = rest.join(" ").replace(/_/g, " ");
  const head = area.charAt(0).toUpperCase() + area.slice(1);
  return what ? `${head}: ${what}` : head;
}
