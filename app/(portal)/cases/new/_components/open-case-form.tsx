"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { problemOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/app/_components/format";
import { Badge } from "@/app/_components/badge";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { Panel } from "@/app/_components/page-header";
import { openableCaseKinds, openInput, type userKeysOutput } from "@/server/modules/cases/cases.schemas";
import {
  credentialKindLabel,
  kindHelp,
  kindLabel,
  statusLabel,
} from "@/app/(portal)/_components/case-labels";
import { RequirementsNote, UserCard } from "../../_components/user-card";
import { TriageFields, type Triage } from "../../_components/triage-fields";
import { ActionError } from "@/app/_components/action-error";

type Data = z.infer<typeof userKeysOutput>;
type Kind = (typeof openableCaseKinds)[number];

/** Step 2: which keys, what happened, and the backup path it implies; then the case is opened. */
export function OpenCaseForm({
  data,
  preselectedKeyId,
  me,
}: {
  data: Data;
  preselectedKeyId?: string;
  me: string;
}) {
  const router = useRouter();
  const trpc = useTRPC();
  const openCase = useMutation(trpc.cases.open.mutationOptions());
  const pickable = data.keys.filter((k) => !k.blockedReason);
  const [kind, setKind] = useState<Kind>("lost");
  const [keyIds, setKeyIds] = useState<string[]>(() => {
    const pre = pickable.find((k) => k.id === preselectedKeyId);
    return pre ? [pre.id] : pickable.length === 1 ? [pickable[0]!.id] : [];
  });
  const [credentialIds, setCredentialIds] = useState<string[]>([]);
  const [triage, setTriage] = useState<Triage>({ ticketRef: "", priority: "normal", assigneeId: "" });
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  // One recovery case per user at a time: an open one is continued, not duplicated.
  const current = data.openCases.find((c) => c.kind !== "offboarding");

  // What the user can still sign in with once the picked keys are gone: the backup path (no TAP).
  // A forgotten key is not revoked, but it is not a way to sign in today either: pick it too.
  // Credentials no key of theirs carries (personal keys, passkeys) are revocable too, and count as a way
  // in only when not picked.
  const loose = data.credentials.filter((c) => !c.keyId || !data.keys.some((k) => k.id === c.keyId));
  const pickedCreds = kind === "forgotten" ? [] : credentialIds;
  const remaining = data.credentials.filter(
    (c) => !pickedCreds.includes(c.id) && (!c.keyId || !keyIds.includes(c.keyId)),
  );
  const toggle = (id: string) =>
    setKeyIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const toggleCred = (id: string) =>
    setCredentialIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = openInput.safeParse({
      userId: data.user.id,
      kind,
      keyIds,
      credentialIds: pickedCreds,
      ticketRef: triage.ticketRef.trim() || undefined,
      priority: triage.priority,
      assigneeId: triage.assigneeId || undefined,
    });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    if (kind !== "forgotten" && !keyIds.length && !pickedCreds.length)
      return setError("Pick the key or credential that was lost, stolen or damaged.");
    setBusy(true);
    setError(null);
    try {
      const opened = await openCase.mutateAsync(parsed.data);
      router.push(`/cases/${opened.id}`);
    } catch (err) {
      setError(problemOf(err).message);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <Panel
        title="User"
        className="self-start"
        actions={
          <Link href="/cases/new" className="text-sm text-brand-600 hover:underline">
            Change
          </Link>
        }
      >
        <UserCard user={data.user} />
        <div className="mt-4 border-t border-slate-100 pt-3">
          <RequirementsNote requirements={data.requirements} />
        </div>
        {data.openCases.length ? (
          <div role="status" className="mt-4 rounded-md bg-amber-50 p-3 text-xs text-amber-900">
            Already open for this user:{" "}
            {data.openCases.map((c) => (
              <Link key={c.id} href={`/cases/${c.id}`} className="mr-2 font-medium underline">
                #{c.number} {kindLabel[c.kind].toLowerCase()} ({statusLabel[c.status].toLowerCase()})
              </Link>
            ))}
          </div>
        ) : null}
      </Panel>
      <div className="space-y-6 lg:col-span-2">
        <Panel title="What happened">
          <fieldset>
            <legend className="sr-only">What happened to the key</legend>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
              {openableCaseKinds.map((k) => (
                <label
                  key={k}
                  className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${kind === k ? "border-brand-500 bg-brand-50" : "border-slate-200 hover:bg-slate-50"}`}
                >
                  <input
                    type="radio"
                    name="kind"
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                    className="mt-0.5"
                  />
                  <span>
                    <span className="block font-medium text-slate-900">{kindLabel[k]}</span>
                    <span className="block text-xs text-slate-600">{kindHelp[k]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </Panel>
        <Panel
          title="Which keys"
          description={
            kind === "forgotten"
              ? "The key left at home: nothing is revoked, it only does not count as a way to sign in today."
              : "The keys this case is about. Their credentials are deleted in Entra when you run that step."
          }
        >
          {data.keys.length ? (
            <ul className="space-y-2" data-testid="pick-keys">
              {data.keys.map((k) => (
                <li key={k.id}>
                  <label
                    className={`flex items-start gap-3 rounded-md border p-3 text-sm ${k.blockedReason ? "border-slate-100 bg-slate-50 text-slate-500" : keyIds.includes(k.id) ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}
                  >
                    <input
                      type="checkbox"
                      disabled={Boolean(k.blockedReason)}
                      checked={keyIds.includes(k.id)}
                      onChange={() => toggle(k.id)}
                      className="mt-1"
                      aria-describedby={`key-${k.id}`}
                    />
                    <span className="min-w-0 flex-1">
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-mono font-medium">{k.serial}</span>
                        <KeyStatusBadge status={k.status} />
                        {k.kind ? <span className="text-xs text-slate-500">{k.kind}</span> : null}
                      </span>
                      <span id={`key-${k.id}`} className="block text-xs text-slate-600">
                        {k.model} ·{" "}
                        {k.credential
                          ? `registered in Entra ${formatDate(k.credential.createdDateTime)}, ${k.credential.lastUsedAt ? `last used ${formatDate(k.credential.lastUsedAt)}` : "not used yet"}`
                          : "no credential in Entra"}
                        {k.blockedReason ? ` · ${k.blockedReason}` : ""}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : loose.length ? null : (
            <p className="text-sm text-slate-500">
              {data.user.displayName} has no security key or passkey in Entra.{" "}
              {kind === "forgotten"
                ? ""
                : "Pick “Forgotten” for a Temporary Access Pass only, or assign a key from their user page."}
            </p>
          )}
          {loose.length ? (
            <div className="mt-4">
              <h3 className="text-sm font-medium text-slate-900">
                Credentials in Entra without a KeyFleet key
              </h3>
              <p className="text-xs text-slate-600">
                {kind === "forgotten"
                  ? "Nothing is revoked in a forgotten-key case."
                  : "Tick each one that was lost, stolen or damaged: the case deletes it in Entra too."}
              </p>
              <ul className="mt-2 space-y-2" data-testid="pick-credentials">
                {loose.map((c) => (
                  <li key={c.id}>
                    <label
                      className={`flex items-start gap-3 rounded-md border p-3 text-sm ${!c.isPickable || kind === "forgotten" ? "border-slate-100 bg-slate-50 text-slate-500" : pickedCreds.includes(c.id) ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}
                    >
                      <input
                        type="checkbox"
                        disabled={!c.isPickable || kind === "forgotten"}
                        checked={pickedCreds.includes(c.id)}
                        onChange={() => toggleCred(c.id)}
                        className="mt-1"
                        aria-describedby={`cred-${c.id}`}
                      />
                      <span className="min-w-0 flex-1">
                        <span className="flex flex-wrap items-center gap-2">
                          <span className="font-medium">{c.displayName ?? c.model ?? "Passkey"}</span>
                          <Badge tone={c.kind === "hardware" ? "neutral" : "info"}>
                            {credentialKindLabel[c.kind]}
                          </Badge>
                        </span>
                        <span id={`cred-${c.id}`} className="block text-xs text-slate-600">
                          {c.model ?? "unknown model"} · registered {formatDate(c.createdDateTime)},{" "}
                          {c.lastUsedAt ? `last used ${formatDate(c.lastUsedAt)}` : "not used yet"}
                          {c.blockedReason ? ` · ${c.blockedReason}` : ""}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="mt-4 rounded-md border border-slate-200 p-3 text-sm" data-testid="backup-path">
            {remaining.length ? (
              <p>
                <strong>Backup path:</strong> {data.user.displayName} can still sign in with{" "}
                {remaining
                  .map((c) =>
                    c.keySerial
                      ? `key ${c.keySerial}`
                      : `“${c.displayName ?? c.model ?? "a passkey"}” (${credentialKindLabel[c.kind].toLowerCase()})`,
                  )
                  .join(", ")}{" "}
                — no Temporary Access Pass will be needed. If any of these is gone too, tick it above.
              </p>
            ) : kind === "forgotten" ? (
              <p>
                <strong>No other working key:</strong> nothing is revoked; a short Temporary Access Pass lets
                them sign in today. Close the case when the key is back.
              </p>
            ) : (
              <p>
                <strong>No other working key:</strong> after revocation they need a replacement and a
                Temporary Access Pass to register it.
              </p>
            )}
          </div>
        </Panel>
        <Panel title="Reference">
          <TriageFields value={triage} onChange={setTriage} me={me} />
          <ActionError error={error} className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" />
          <div className="mt-4 flex items-center gap-3">
            <button
              type="submit"
              disabled={isBusy || Boolean(current)}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {isBusy ? "Opening…" : "Open case"}
            </button>
            <p className="text-xs text-slate-500">
              {current ? (
                <>
                  Case{" "}
                  <Link href={`/cases/${current.id}`} className="text-brand-600 underline">
                    #{current.number}
                  </Link>{" "}
                  is already open for {data.user.displayName}: continue that one.
                </>
              ) : (
                "Opening changes nothing in Entra."
              )}
            </p>
          </div>
        </Panel>
      </div>
    </form>
  );
}
