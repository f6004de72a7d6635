"use client";

import { useMutation } from "@tanstack/react-query";
import { Layers } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/app/_components/badge";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { EmptyState } from "@/app/_components/empty-state";
import { useAction } from "@/app/_components/use-action";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { ActionError } from "@/app/_components/action-error";
import { dialogInput } from "@/app/_components/styles";
import { HandoverMethod, type HandoverMethodName } from "@/app/(portal)/_components/handover-method";

type Waves = RouterOutputs["assignment"]["waves"];
/** A wave's keys are mostly shipped: that choice comes first. */
const WAVE_LABELS = { shipped: "Shipped", in_person: "In person" };
type Preview = RouterOutputs["assignment"]["wavePreview"];

export function WaveAssign({ waves, preview }: { waves: Waves; preview: Preview | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const [handover, setHandover] = useState<HandoverMethodName>("shipped");
  const [isOpen, setOpen] = useState(false);
  const { run, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const waveConfirm = useMutation(trpc.assignment.waveConfirm.mutationOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const items =
    preview?.rows
      .filter((r) => r.key)
      .map((r) => ({ userId: r.userId, keyId: r.key!.id, version: r.key!.version })) ?? [];

  async function confirm() {
    if (!preview) return;
    await run(
      () => waveConfirm.mutateAsync({ waveId: preview.wave.id, items, handover }),
      (r) => {
        setNotice(`${r.assigned} key${r.assigned === 1 ? "" : "s"} assigned in ${preview.wave.name}.`);
        setOpen(false);
      },
    );
  }

  if (!waves.length)
    return (
      <EmptyState icon={Layers} title="No rollout waves">
        Plan a wave under Rollout first.
      </EmptyState>
    );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="w-full max-w-96 font-medium text-slate-700">
          Wave
          <select
            value={preview?.wave.id ?? ""}
            onChange={(e) => {
              setNotice(null);
              router.push(`${pathname}?wave=${encodeURIComponent(e.target.value)}`);
            }}
            className={dialogInput}
          >
            <option value="">Choose a wave…</option>
            {waves.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({w.members} people)
              </option>
            ))}
          </select>
        </label>
        {preview ? (
          <>
            <HandoverMethod
              name="wave-handover"
              value={handover}
              onChange={setHandover}
              labels={WAVE_LABELS}
              className=""
            />
            <button
              type="button"
              disabled={!items.length}
              onClick={() => {
                setError(null);
                setOpen(true);
              }}
              className="ml-auto rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
            >
              Assign {items.length} key{items.length === 1 ? "" : "s"}…
            </button>
          </>
        ) : null}
      </div>
      {notice ? (
        <p role="status" className="text-sm text-emerald-700">
          {notice}
        </p>
      ) : null}
      {preview ? (
        preview.rows.length ? (
          <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            <p className="border-b border-slate-200 px-4 py-2 text-sm text-slate-600">
              {preview.assignable} of {preview.rows.length} people without a key can get one now
              {preview.short ? `; ${preview.short} cannot (see why below)` : ""}.
              {preview.wave.preferredModel ? ` This wave gets ${preview.wave.preferredModel} keys only.` : ""}
            </p>
            {preview.warnings.map((w) => (
              <p
                key={w}
                role="status"
                className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
              >
                {w}
              </p>
            ))}
            <table className="w-full text-left text-sm" data-testid="wave-preview">
              <thead className="bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th className="px-4 py-2 font-medium">Person</th>
                  <th className="px-4 py-2 font-medium">Office</th>
                  <th className="px-4 py-2 font-medium">Key to assign</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.rows.map((r) => (
                  <tr key={r.userId}>
                    <td className="px-4 py-2">
                      <Link
                        href={`/users/${r.userId}`}
                        className="font-medium text-slate-900 hover:underline"
                      >
                        {r.displayName}
                      </Link>
                      <span className="block text-xs text-slate-500">{r.userPrincipalName}</span>
                    </td>
                    <td className="px-4 py-2">{r.site ?? "—"}</td>
                    <td className="px-4 py-2">
                      {r.key ? (
                        <span className="font-mono">
                          {r.key.serial}
                          <span className="ml-2 font-sans text-xs text-slate-500">{r.key.model}</span>
                        </span>
                      ) : (
                        <Badge tone="warning">{r.reason}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState icon={Layers} title="Everyone in this wave has a key">
            Nobody in {preview.wave.name} is waiting for one.
          </EmptyState>
        )
      ) : null}
      <ConfirmDialog
        open={isOpen}
        tone="neutral"
        title={`Assign ${items.length} keys in ${preview?.wave.name ?? ""}?`}
        confirmLabel={`Assign ${items.length} keys`}
        isBusy={isBusy}
        onCancel={() => setOpen(false)}
        onConfirm={confirm}
      >
        <p>
          Each person gets the key shown as their primary key (
          {handover === "shipped" ? "to be shipped" : "handed over in person"}). All or nothing: if any key
          changed since this preview, nothing is assigned and you can preview again. Nothing changes in Entra.
        </p>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </div>
  );
}
