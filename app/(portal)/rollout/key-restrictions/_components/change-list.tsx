import Link from "next/link";
import { Panel } from "@/app/_components/page-header";
import { ChangeSummary, type Change } from "./change-summary";

/** Changes asked for: those waiting first, each linking to its approval screen (with the preview again). */
export function ChangeList({ changes }: { changes: Change[] }) {
  if (changes.length === 0) return null;
  const waiting = changes.filter((c) => c.status === "pending").length;
  return (
    <div className="mb-6">
      <Panel
        title={`Changes asked for (${waiting} waiting)`}
        description="Each is applied to Entra only when an admin who did not ask for it approves it."
      >
        <ul className="divide-y divide-slate-100">
          {changes.slice(0, 20).map((c) => (
            <li
              key={c.id}
              className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0 last:pb-0"
            >
              <ChangeSummary
                change={c}
                models={`${c.aaguids.length} model AAGUID${c.aaguids.length === 1 ? "" : "s"}`}
              />
              <Link
                href={`/rollout/key-restrictions/${c.id}`}
                className="shrink-0 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              >
                {c.canDecide ? "Review and decide" : "See the change"}
              </Link>
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
