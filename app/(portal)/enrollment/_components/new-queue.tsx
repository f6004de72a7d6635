"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import { HandoverMethod } from "@/app/(portal)/_components/handover-method";
import { DESK_LABELS } from "./desk-labels";
import { ActionError } from "@/app/_components/action-error";
import { dialogInput } from "@/app/_components/styles";

type Option = { id: string; name: string };

export function NewQueue({ waves, sites }: { waves: Option[]; sites: Option[] }) {
  const router = useRouter();
  const [source, setSource] = useState<"csv" | "wave" | "site">("csv");
  const [upns, setUpns] = useState("");
  const [waveId, setWaveId] = useState(waves[0]?.id ?? "");
  const [siteId, setSiteId] = useState(sites[0]?.id ?? "");
  const [handover, setHandover] = useState<"in_person" | "shipped">("in_person");
  const { run, isBusy, error } = useAction();
  const trpc = useTRPC();
  const createQueue = useMutation(trpc.enrollment.createQueue.mutationOptions());

  async function create(e: React.FormEvent) {
    e.preventDefault();
    const input =
      source === "wave"
        ? { source, waveId, handover }
        : source === "site"
          ? { source, siteId, handover }
          : { source, upns: upns.split(/[\s,;]+/).filter((u) => u.includes("@")), handover };
    await run(
      () => createQueue.mutateAsync(input),
      (r) => router.push(`/enrollment/${r.batchId}${r.unknown.length ? `?unknown=${r.unknown.length}` : ""}`),
    );
  }

  return (
    <form onSubmit={create} className="space-y-3 text-sm">
      <fieldset>
        <legend className="font-medium text-slate-700">Who</legend>
        <div className="mt-1 flex gap-4">
          {(["csv", "wave", "site"] as const).map((s) => (
            <label key={s} className="flex items-center gap-1.5">
              <input type="radio" name="queue-source" checked={source === s} onChange={() => setSource(s)} />{" "}
              {s === "csv" ? "People (UPNs)" : s === "wave" ? "Wave" : "Site"}
            </label>
          ))}
        </div>
      </fieldset>
      {source === "csv" ? (
        <label className="block font-medium text-slate-700">
          UPNs, one per line or pasted from a CSV
          <textarea
            value={upns}
            onChange={(e) => setUpns(e.target.value)}
            rows={5}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs"
            placeholder="ada.lovelace@example.com"
          />
        </label>
      ) : source === "wave" ? (
        <label className="block font-medium text-slate-700">
          Wave
          <select value={waveId} onChange={(e) => setWaveId(e.target.value)} className={dialogInput}>
            {waves.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="block font-medium text-slate-700">
          Site
          <select value={siteId} onChange={(e) => setSiteId(e.target.value)} className={dialogInput}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <HandoverMethod
        name="queue-handover"
        value={handover}
        onChange={setHandover}
        labels={DESK_LABELS}
        className=""
      />
      <ActionError error={error} />
      <button
        type="submit"
        disabled={isBusy}
        className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-40"
      >
        Create queue
      </button>
    </form>
  );
}
