"use client";

import Link from "next/link";
import { matchLabel } from "@/app/_components/match-method";
import { Badge } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { Panel } from "@/app/_components/page-header";
import { kindLabel, who } from "@/app/(portal)/_components/case-labels";
import { RequirementsNote, UserCard } from "../../_components/user-card";
import { useCase } from "./case-api";
import { CloseCase } from "./close-case";
import { Handover } from "./handover";
import { TriageEditor } from "./triage-editor";
import { textLink } from "@/app/_components/styles";

const dt = "text-xs text-slate-500";

/** The facts beside the steps: who, which keys, the replacement, the backup path, the passes issued. */
export function CaseSummary() {
  const { view: c, me } = useCase();
  // Once the replacement works it is not a "backup path"; and a closed case needs none.
  const backup = c.isOpen ? c.otherWorkingKeys.filter((k) => k.id !== c.replacementKey?.id) : [];
  return (
    <Panel title={`${kindLabel[c.kind]} key case`} actions={<CloseCase />}>
      <UserCard user={c.user} />
      <div className="mt-3">
        <RequirementsNote requirements={c.requirements} />
      </div>
      <dl className="mt-4 space-y-3 border-t border-slate-100 pt-3 text-sm">
        <div>
          <dt className={dt}>Opened</dt>
          <dd>
            {formatDateTime(c.createdAt)} by {who(c.openedById, me)}
            {c.ticketRef ? (
              <>
                {" "}
                · ticket{" "}
                {c.ticketUrl ? (
                  <a href={c.ticketUrl} target="_blank" rel="noreferrer noopener" className={textLink}>
                    {c.ticketRef}
                  </a>
                ) : (
                  c.ticketRef
                )}
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className={dt}>Priority and assignee</dt>
          <dd>
            <TriageEditor />
          </dd>
        </div>
        {c.closedAt ? (
          <div>
            <dt className={dt}>Closed</dt>
            <dd>
              {formatDateTime(c.closedAt)} by {who(c.closedById, me)}
              {c.closeReason ? ` — ${c.closeReason}` : ""}
              {c.outcome ? <span className="block text-xs text-slate-500">{c.outcome}</span> : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt className={dt}>Keys in this case</dt>
          <dd data-testid="case-keys">
            {c.keys.length
              ? c.keys.map((k) => (
                  <p key={k.id} className="mt-1 flex flex-wrap items-center gap-2">
                    <Link href={`/keys/${k.id}`} className="font-mono text-brand-600 hover:underline">
                      {k.serial}
                    </Link>
                    <KeyStatusBadge status={k.status} />
                    <span className="block w-full text-xs text-slate-500">
                      {k.model} ·{" "}
                      {k.credentialRemovedAt
                        ? `credential deleted in Entra ${formatDateTime(k.credentialRemovedAt)}`
                        : k.credentialId
                          ? "credential still live in Entra"
                          : "no credential in Entra"}
                      {k.credentialId ? ` · linked: ${matchLabel(k.matchMethod)}` : ""}
                    </span>
                  </p>
                ))
              : "None (forgotten key)"}
          </dd>
        </div>
        {c.kind !== "forgotten" ? (
          <div>
            <dt className={dt}>Replacement</dt>
            <dd data-testid="case-replacement">
              {c.replacementKey ? (
                <span className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/keys/${c.replacementKey.id}`}
                    className="font-mono text-brand-600 hover:underline"
                  >
                    {c.replacementKey.serial}
                  </Link>
                  <KeyStatusBadge status={c.replacementKey.status} />
                  <span className="block w-full text-xs text-slate-500">
                    {c.replacementKey.model} · from stock at {c.replacementKey.site}
                  </span>
                </span>
              ) : (
                "Not reserved yet"
              )}
              <Handover />
            </dd>
          </div>
        ) : null}
        {backup.length ? (
          <div>
            <dt className={dt}>Backup path</dt>
            <dd className="text-emerald-800" data-testid="backup-path">
              Still signs in with {backup.map((k) => `${k.serial} (${k.model})`).join(", ")}: no Temporary
              Access Pass needed.
            </dd>
          </div>
        ) : null}
        {c.taps.length ? (
          <div>
            <dt className={dt}>Passes issued here</dt>
            <dd>
              {c.taps.map((t) => (
                <p key={t.id} className="mt-1 text-xs">
                  {formatDateTime(t.startAt)} → {formatDateTime(t.expiresAt)} · {t.lifetimeMinutes} min
                  {t.isUsableOnce ? ", one-time" : ""} · by {who(t.issuedById, me)}{" "}
                  {t.revokedAt ? <Badge>Revoked</Badge> : null}
                </p>
              ))}
              <p className="mt-1 text-xs text-slate-500">The passes themselves are never stored.</p>
            </dd>
          </div>
        ) : null}
      </dl>
    </Panel>
  );
}
