"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { formatDate } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { useAction } from "@/app/_components/use-action";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";
import { rowButton } from "@/app/_components/styles";
import { inlineLink } from "@/app/_components/styles";

type Review = RouterOutputs["matching"]["reviews"]["items"][number];
type Key = Review["candidates"][number];
type Pending = { review: Review; key: Key | null };

/** The open reviews; each candidate key has its own "This is …" button, and "Not any of these" rejects. */
export function ReviewQueue({ items, canDecide }: { items: Review[]; canDecide: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const confirmMatch = useMutation(trpc.matching.confirm.mutationOptions());
  const rejectMatch = useMutation(trpc.matching.reject.mutationOptions());
  const { run, isBusy, error, setError } = useAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function decide() {
    if (!pending) return;
    const { review, key } = pending;
    // The decided review leaves the queue on the page at once (the server renders the queue again).
    const after = (message: string) => () => {
      setDone(message);
      setPending(null);
      router.refresh();
    };
    if (key)
      await run(
        () => confirmMatch.mutateAsync({ reviewId: review.id, keyId: key.id }),
        after(`${review.user.displayName}'s credential is now linked to ${key.serial}.`),
      );
    else
      await run(
        () => rejectMatch.mutateAsync({ reviewId: review.id }),
        after(
          `The review of ${review.user.displayName}'s credential is rejected; the credential stays unlinked.`,
        ),
      );
  }

  const name = (r: Review) => r.credential.displayName ?? r.credential.model ?? "security key";
  return (
    <>
      {done ? (
        <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done}
        </p>
      ) : null}
      {error && !pending ? (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {items.length ? null : (
        <p className="text-sm text-slate-500">No credential is waiting to be matched to a key.</p>
      )}
      <ul className="divide-y divide-slate-100" data-testid="match-reviews">
        {items.map((r) => (
          <li key={r.id} className="py-3 text-sm" data-testid="match-review">
            <p>
              <Link className={inlineLink} href={`/users/${r.user.id}`}>
                {r.user.displayName}
              </Link>{" "}
              <span className="text-xs text-slate-500">{r.user.userPrincipalName}</span>
            </p>
            <p className="mt-0.5 text-slate-700">
              Credential “{name(r)}”
              {r.credential.createdDateTime ? `, registered ${formatDate(r.credential.createdDateTime)}` : ""}{" "}
              · queued {formatDate(r.createdAt)}
            </p>
            <p className="mt-0.5 text-xs text-slate-500">{r.reason}</p>
            <ul className="mt-2 flex flex-wrap gap-2">
              {r.candidates.map((k) => (
                <li
                  key={k.id}
                  className="flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1"
                >
                  <Link className={`${inlineLink} font-mono`} href={`/keys/${k.id}`}>
                    {k.serial}
                  </Link>
                  <span className="text-xs text-slate-500">{k.model}</span>
                  <KeyStatusBadge status={k.status} />
                  {canDecide ? (
                    <button
                      type="button"
                      className={rowButton}
                      onClick={() => {
                        setError(null);
                        setPending({ review: r, key: k });
                      }}
                    >
                      This is {k.serial}…
                    </button>
                  ) : null}
                </li>
              ))}
              {canDecide ? (
                <li>
                  <button
                    type="button"
                    className={`${rowButton} text-red-700`}
                    onClick={() => {
                      setError(null);
                      setPending({ review: r, key: null });
                    }}
                  >
                    Not any of these…
                  </button>
                </li>
              ) : null}
            </ul>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={pending !== null}
        tone={pending?.key ? "neutral" : "danger"}
        title={pending?.key ? `Link this credential to ${pending.key.serial}?` : "Reject this match review?"}
        confirmLabel={pending?.key ? `Link to ${pending.key.serial}` : "Reject review"}
        isBusy={isBusy}
        onCancel={() => setPending(null)}
        onConfirm={decide}
      >
        <p>
          {pending?.key
            ? `${pending.review.user.displayName}'s credential “${name(pending.review)}” will be recorded as key ${pending.key.serial}, confirmed by you, and the key becomes active. Nothing changes in Entra.`
            : `The credential stays in Entra, linked to no key, and leaves this queue. Nothing changes in Entra.`}
        </p>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </>
  );
}
