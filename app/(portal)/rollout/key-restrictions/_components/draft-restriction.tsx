"use client";

import { useState } from "react";
import { api, type RouterOutputs } from "@/app/_lib/trpc";
import { PreviewResult, type Preview } from "./preview-result";
import { RequestChange } from "./request-change";
import { ActionError } from "@/app/_components/action-error";
import { BusyButton } from "@/app/_components/busy-button";
import { useAction } from "@/app/_components/use-action";

type Current = RouterOutputs["levers"]["restrictions"];

/** The draft form and its preview: whose credentials and which unregistered keys the change would block. */
export function DraftRestriction({
  targets,
  models,
}: {
  targets: Current["targets"];
  models: Current["models"];
}) {
  const first = targets[0];
  const [targetId, setTargetId] = useState(first?.id ?? "");
  const target = targets.find((t) => t.id === targetId) ?? first;
  const [isEnforced, setEnforced] = useState(true);
  const [type, setType] = useState<"allow" | "block">(target?.enforcementType ?? "allow");
  const [picked, setPicked] = useState<Set<string>>(new Set(target?.models.map((m) => m.aaguid) ?? []));
  const [preview, setPreview] = useState<Preview | null>(null);
  const { run, isBusy, error } = useAction({ refresh: false });

  const pickTarget = (id: string) => {
    const t = targets.find((x) => x.id === id);
    setTargetId(id);
    setType(t?.enforcementType ?? "allow");
    setPicked(new Set(t?.models.map((m) => m.aaguid) ?? []));
    setPreview(null);
  };
  const isPicked = (m: Current["models"][number]) => m.aaguids.every((a) => picked.has(a));
  const toggle = (m: Current["models"][number]) => {
    const next = new Set(picked);
    const on = isPicked(m);
    for (const a of m.aaguids)
      if (on) next.delete(a);
      else next.add(a);
    setPicked(next);
    setPreview(null);
  };
  const runPreview = () =>
    run(
      () =>
        api.levers.previewRestriction.query({
          targetId,
          isEnforced,
          enforcementType: type,
          aaguids: [...picked],
        }),
      setPreview,
    );

  if (!target)
    return <p className="text-sm text-slate-600">The FIDO2 policy has no restriction to draft against.</p>;
  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Restriction</span>
          <select
            className="w-full rounded-md border border-slate-300 px-2 py-1.5"
            value={targetId}
            onChange={(e) => pickTarget(e.target.value)}
          >
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="text-sm">
          <legend className="mb-1 font-medium text-slate-700">The listed models are</legend>
          <div className="flex gap-4 pt-1">
            {(["allow", "block"] as const).map((v) => (
              <label key={v} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="enforcementType"
                  checked={type === v}
                  onChange={() => {
                    setType(v);
                    setPreview(null);
                  }}
                />
                {v === "allow" ? "the only ones allowed" : "blocked"}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2 self-end pb-1.5 text-sm">
          <input
            type="checkbox"
            checked={isEnforced}
            onChange={(e) => {
              setEnforced(e.target.checked);
              setPreview(null);
            }}
          />
          Enforce the restriction
        </label>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">
          Models ({models.filter(isPicked).length} listed)
        </legend>
        {models.length === 0 ? (
          <p className="text-sm text-slate-600">
            No models known yet: add the models you buy in Procurement → Models, or run a sync.
          </p>
        ) : (
          <div className="grid max-h-64 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
            {models.map((m) => (
              <label
                key={m.id}
                className="flex items-start gap-2 rounded px-1.5 py-1 text-sm hover:bg-slate-50"
              >
                <input type="checkbox" className="mt-0.5" checked={isPicked(m)} onChange={() => toggle(m)} />
                <span>
                  {m.name}
                  <span className="block font-mono text-[11px] text-slate-500">
                    {m.aaguids.length === 1 ? m.aaguids[0] : `${m.aaguids.length} AAGUIDs`} · {m.credentials}{" "}
                    in use
                  </span>
                </span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <BusyButton isBusy={isBusy} busyLabel="Previewing…" onClick={runPreview}>
          Preview the change
        </BusyButton>
        <ActionError error={error} className="text-sm text-red-700" />
      </div>
      {preview ? (
        <>
          <PreviewResult preview={preview} />
          <RequestChange draft={{ targetId, isEnforced, enforcementType: type, aaguids: [...picked] }} />
        </>
      ) : null}
    </div>
  );
}
