import { formatNumber } from "@/app/_components/format";

/** Registered members / members, as a percentage with a bar; the wave's target marked. */
export function WaveProgress({
  registered,
  members,
  target,
}: {
  registered: number;
  members: number;
  target: number;
}) {
  if (members === 0) return <span className="text-xs text-slate-500">No members</span>;
  const pct = Math.floor((registered / members) * 100);
  return (
    <div
      className="min-w-28"
      title={`${formatNumber(registered)} of ${formatNumber(members)} registered a key`}
    >
      <span className="text-sm tabular-nums text-slate-900">{pct}%</span>
      <span className="ml-1 text-xs text-slate-500">
        ({formatNumber(registered)}/{formatNumber(members)})
      </span>
      <div className="relative mt-1 h-1.5 rounded bg-slate-100" aria-hidden>
        <div
          className={`h-1.5 rounded ${pct >= target ? "bg-emerald-500" : "bg-brand-500"}`}
          style={{ width: `${pct}%` }}
        />
        <div className="absolute -top-0.5 h-2.5 w-px bg-slate-500" style={{ left: `${target}%` }} />
      </div>
    </div>
  );
}
