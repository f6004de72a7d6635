import { settingKeys, type PhaseDeps, type PhaseRun } from "./sync.types";

// Who may have changed a FIDO2 credential since the last run, from the directory audit log: cheaper
// than the registration report (a page of 1 000 events per request, hours fresher) and the reason an
// incremental run's cost follows churn, not tenant size (docs/SYNC.md "Finding who changed").

/** Entra's activity names for registering or deleting security info (docs/SYNC.md lists the source). */
export const securityInfoActivities = new Set([
  "User registered security info",
  "User deleted security info",
  "Admin registered security info",
  "Admin deleted security info",
  "Add Passkey (device-bound)",
  "Add Passkey (synced)",
]);

/** Events can land in the log minutes after they happened: each read starts this far before the cursor. */
export const AUDIT_OVERLAP_MS = 15 * 60_000;

interface AuditCursor {
  /** Latest activityDateTime seen (ISO). */
  since: string;
  /** Ids of events within the overlap window already acted on. */
  seen: string[];
}

const wholeSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Ids of users with security-info events since the stored cursor, and the cursor to store once their
 * methods are safely queued. A full run only starts the cursor (the report decides who to read then).
 * Null when the log could not be read: the run says so and the cursor stays.
 */
export async function readAuditChanges(
  d: PhaseDeps,
  { graph: g, state: s }: PhaseRun,
  full: boolean,
): Promise<{ userIds: Set<string>; cursor: AuditCursor } | null> {
  const stored = await d.repo.getSetting<AuditCursor>(d.uow.db, settingKeys.auditCursor);
  const startedAt = d.clock().getTime();
  if (full || !stored)
    return { userIds: new Set(), cursor: { since: wholeSeconds(startedAt - AUDIT_OVERLAP_MS), seen: [] } };
  const seen = new Set(stored.seen);
  const userIds = new Set<string>();
  let latest = Date.parse(stored.since);
  const kept: { id: string; at: number }[] = [];
  try {
    for await (const page of g.listDirectoryAudits({
      since: wholeSeconds(Date.parse(stored.since) - AUDIT_OVERLAP_MS),
    })) {
      for (const e of page) {
        const at = Date.parse(e.activityDateTime);
        kept.push({ id: e.id, at });
        if (Number.isFinite(at)) latest = Math.max(latest, at);
        if (seen.has(e.id) || !securityInfoActivities.has(e.activityDisplayName)) continue;
        s.progress.auditEvents++;
        for (const id of e.targetUserIds) userIds.add(id);
      }
    }
  } catch (e) {
    s.incomplete.push("the directory audit log could not be read");
    s.error(
      `Reading the directory audit log failed (${e instanceof Error ? e.message : String(e)}); changes since ${stored.since} are looked for again next run.`,
    );
    return null;
  }
  const floor = latest - AUDIT_OVERLAP_MS;
  return {
    userIds,
    cursor: {
      since: wholeSeconds(latest),
      seen: [...new Set([...stored.seen, ...kept.filter((k) => k.at >= floor).map((k) => k.id)])],
    },
  };
}

export async function storeAuditCursor(d: PhaseDeps, cursor: AuditCursor): Promise<void> {
  await d.repo.setSetting(d.uow.db, settingKeys.auditCursor, cursor);
}
