import type { Fido2Method, GraphUser, UserRegistrationDetails } from "@/server/graph/port";
import type {
  MirrorUser,
  ReportFields,
  StoredReportState,
} from "@/server/modules/directory/directory.repository";
import type { MirrorCredential, StoredCredential } from "./credentials.repository";

export const userSelect = [
  "id",
  "userPrincipalName",
  "displayName",
  "givenName",
  "surname",
  "mail",
  "accountEnabled",
  "userType",
  "department",
  "jobTitle",
  "officeLocation",
  "businessPhones",
  "mobilePhone",
] as const;

export function toMirrorUser(u: GraphUser): MirrorUser | null {
  if (!u.userPrincipalName) return null;
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName ?? u.userPrincipalName,
    givenName: u.givenName ?? null,
    surname: u.surname ?? null,
    mail: u.mail ?? null,
    department: u.department ?? null,
    jobTitle: u.jobTitle ?? null,
    officeLocation: u.officeLocation ?? null,
    // The number on record for callback verification: the directory's, never one a caller gives.
    phoneOnRecord: u.businessPhones?.[0] ?? u.mobilePhone ?? null,
    userType: (u.userType ?? "member").toLowerCase(),
    accountEnabled: u.accountEnabled ?? true,
  };
}

/**
 * One shared, sorted array per distinct set of methods (a 100 000-user report has a few dozen sets), so
 * buffered report pages cost an id and a date per user. The arrays it returns must never be mutated.
 */
export function makeMethodsInterner() {
  const known = new Map<string, string[]>();
  return (methods: readonly string[]): string[] => {
    const sorted = [...methods].sort();
    const key = sorted.join(",");
    const shared = known.get(key);
    if (shared) return shared;
    known.set(key, sorted);
    return sorted;
  };
}

const sortedCopy = (methods: readonly string[]) => [...methods].sort();

export function toReportFields(
  r: UserRegistrationDetails,
  methodsOf: (methods: readonly string[]) => string[] = sortedCopy,
): ReportFields {
  return {
    id: r.id,
    reportUpdatedAt: r.lastUpdatedDateTime ?? null,
    methodsRegistered: methodsOf(r.methodsRegistered),
    isAdmin: r.isAdmin ?? false,
    isMfaCapable: r.isMfaCapable ?? false,
    isPasswordlessCapable: r.isPasswordlessCapable ?? false,
  };
}

const hasPasskey = (methods: readonly string[]) => methods.some((m) => /^passKey|^fido2/i.test(m));

/** Did the report entry change since the mirror last took it, and is a FIDO2 call worth spending on it? */
export function reportDecision(
  report: ReportFields,
  stored: StoredReportState,
): { changed: boolean; fetch: boolean } {
  const storedAt = stored.reportUpdatedAt?.getTime() ?? null;
  const reportAt = report.reportUpdatedAt ? Date.parse(report.reportUpdatedAt) : null;
  const methodsChanged =
    [...stored.methodsRegistered].sort().join(",") !== report.methodsRegistered.join(",");
  const changed =
    storedAt === null ||
    storedAt !== reportAt ||
    methodsChanged ||
    stored.isAdmin !== report.isAdmin ||
    stored.isMfaCapable !== report.isMfaCapable ||
    stored.isPasswordlessCapable !== report.isPasswordlessCapable;
  // A changed entry with no passkey, for a user the mirror holds no credential for, has nothing to tell.
  const fetch =
    (storedAt === null || storedAt !== reportAt || methodsChanged) &&
    (hasPasskey(report.methodsRegistered) || stored.activeCredentials > 0);
  return { changed, fetch };
}

export function toMirrorCredential(userId: string, m: Fido2Method): MirrorCredential {
  return {
    methodId: m.id,
    userId,
    aaguid: (m.aaGuid ?? "00000000-0000-0000-0000-000000000000").toLowerCase(),
    model: m.model ?? null,
    displayName: m.displayName ?? null,
    createdDateTime: m.createdDateTime ?? null,
    attestationLevel: m.attestationLevel ?? null,
    passkeyType: m.passkeyType ?? null,
    lastUsedAt: m.lastUsedDateTime ?? null,
  };
}

const sameInstant = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : Date.parse(a) === Date.parse(b);

/** What Entra now says for these users against what the mirror holds. */
export function diffCredentials(fetched: MirrorCredential[], stored: StoredCredential[]) {
  const byKey = new Map(stored.map((s) => [`${s.userId}|${s.methodId}`, s]));
  const seen = new Set<string>();
  const write: MirrorCredential[] = [];
  let added = 0;
  let changed = 0;
  for (const f of fetched) {
    const k = `${f.userId}|${f.methodId}`;
    seen.add(k);
    const s = byKey.get(k);
    if (!s) {
      added++;
      write.push(f);
    } else if (
      s.removedAt !== null ||
      s.aaguid !== f.aaguid ||
      s.model !== f.model ||
      s.displayName !== f.displayName ||
      !sameInstant(s.createdDateTime, f.createdDateTime) ||
      s.attestationLevel !== f.attestationLevel ||
      s.passkeyType !== f.passkeyType ||
      (f.lastUsedAt !== null && !sameInstant(s.lastUsedAt, f.lastUsedAt))
    ) {
      changed++;
      write.push(f);
    }
  }
  const removed = stored
    .filter((s) => s.removedAt === null && !seen.has(`${s.userId}|${s.methodId}`))
    .map((s) => s.id);
  return { write, added, changed, removed };
}
