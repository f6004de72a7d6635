"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/app/_components/badge";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { useAction } from "@/app/_components/use-action";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { useDebounced } from "@/app/_lib/use-debounced";
import { ActionError } from "@/app/_components/action-error";

type Members = RouterOutputs["rollout"]["waveMembers"];
type Person = { userId: string; displayName: string; userPrincipalName: string };

/** Search the directory and add one person to the wave. */
export function AddMember({ waveId }: { waveId: string }) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const settled = useDebounced(q.trim(), 200);
  const search = useQuery({
    ...trpc.users.search.queryOptions({ q: settled }),
    enabled: settled.length >= 2,
    placeholderData: keepPreviousData,
  });
  const add = useMutation(trpc.rollout.addWaveMember.mutationOptions());
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const users = q.trim().length >= 2 ? (search.data?.users ?? []) : [];
  return (
    <div className="max-w-2xl space-y-2 text-sm">
      <label className="block">
        <span className="mb-1 block font-medium text-slate-700">Name or UPN</span>
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="block w-full rounded-md border border-slate-300 px-2 py-1.5"
          placeholder="Type at least two characters"
        />
      </label>
      {notice ? (
        <p role="status" className="text-emerald-800">
          {notice}
        </p>
      ) : null}
      <ActionError error={action.error} />
      <ul className="divide-y divide-slate-100">
        {users.slice(0, 10).map((u) => (
          <li key={u.id} className="flex items-center justify-between gap-2 py-1.5">
            <span>
              {u.displayName} <span className="text-slate-500">{u.userPrincipalName}</span>
            </span>
            <button
              type="button"
              disabled={action.isBusy}
              onClick={() =>
                action.run(
                  () => add.mutateAsync({ waveId, userId: u.id }),
                  (r) =>
                    setNotice(
                      r.changed
                        ? `${u.displayName} added.`
                        : `${u.displayName} was already in the wave; kept in it from now on.`,
                    ),
                )
              }
              className="rounded-md border border-slate-300 px-2 py-1 font-medium text-slate-700 hover:bg-slate-50"
            >
              Add {u.displayName}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The members, a page at a time, each with a "Take out" action (asked first). */
export function MemberList({
  waveId,
  waveName,
  data,
  q,
}: {
  waveId: string;
  waveName: string;
  data: Members;
  q: string;
}) {
  const trpc = useTRPC();
  const remove = useMutation(trpc.rollout.removeWaveMember.mutationOptions());
  const add = useMutation(trpc.rollout.addWaveMember.mutationOptions());
  const action = useAction();
  const [taking, setTaking] = useState<Person | null>(null);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const href = (page: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <div className="space-y-3 text-sm">
      <form className="flex gap-2" action="">
        <input
          name="q"
          defaultValue={q}
          type="search"
          aria-label="Find a member"
          placeholder="Find a member"
          className="w-64 rounded-md border border-slate-300 px-2 py-1.5"
        />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          Find
        </button>
      </form>
      <ul className="divide-y divide-slate-100">
        {data.rows.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
            <span>
              {m.displayName} <span className="text-slate-500">{m.userPrincipalName}</span>{" "}
              {m.registered ? <Badge tone="success">Registered</Badge> : <Badge>Not registered</Badge>}{" "}
              {m.byHand ? <Badge tone="brand">Added by hand</Badge> : null}
            </span>
            <button
              type="button"
              onClick={() => setTaking(m)}
              className="rounded-md border border-slate-300 px-2 py-1 text-slate-700 hover:bg-red-50 hover:text-red-700"
            >
              Take out of the wave
            </button>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center gap-3">
          {data.page > 1 ? <Link href={href(data.page - 1)}>← Previous</Link> : null}
          <span className="text-slate-500">
            Page {data.page} of {pages}
          </span>
          {data.page < pages ? <Link href={href(data.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
      {data.removed.length ? (
        <div>
          <h3 className="font-medium text-slate-800">Taken out by hand ({data.removed.length})</h3>
          <ul className="divide-y divide-slate-100">
            {data.removed.map((p) => (
              <li key={p.userId} className="flex items-center justify-between gap-2 py-1.5">
                <span>
                  {p.displayName} <span className="text-slate-500">{p.userPrincipalName}</span>
                </span>
                <button
                  type="button"
                  disabled={action.isBusy}
                  onClick={() => action.run(() => add.mutateAsync({ waveId, userId: p.userId }))}
                  className="rounded-md border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-50"
                >
                  Put back in the wave
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {action.error && !taking ? (
        <p role="alert" className="text-red-700">
          {action.error}
        </p>
      ) : null}
      <ConfirmDialog
        open={taking !== null}
        title={`Take ${taking?.displayName ?? "this person"} out of ${waveName}?`}
        confirmLabel="Take out of the wave"
        tone="neutral"
        isBusy={action.isBusy}
        onCancel={() => setTaking(null)}
        onConfirm={() =>
          taking &&
          action.run(
            () => remove.mutateAsync({ waveId, userId: taking.userId }),
            () => setTaking(null),
          )
        }
      >
        <p>
          They stay out even if the wave&apos;s groups or filter include them, until someone puts them back.
          Their keys and Entra are not touched.
        </p>
        <ActionError error={action.error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </div>
  );
}
