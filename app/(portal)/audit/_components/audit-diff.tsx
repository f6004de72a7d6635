import type { RouterOutputs } from "@/app/_lib/trpc";

// An audit event's change in words ("Status: in stock → reserved"), as the server describes it. The raw
// before/after stays in the trail and in the export.

type Change = RouterOutputs["audit"]["list"]["items"][number]["changes"][number];

export function AuditDiff({ changes }: { changes: readonly Change[] }) {
  if (!changes.length) return <span className="text-xs text-slate-400">No details recorded</span>;
  return (
    <ul className="min-w-48 space-y-0.5 text-xs text-slate-700" data-testid="audit-change">
      {changes.map((c, i) => (
        <li key={i}>
          <span className="font-medium text-slate-900">{c.field}:</span>{" "}
          {c.before !== null && c.after !== null ? (
            <>
              <span className="text-slate-500 line-through decoration-slate-300">{c.before}</span>
              <span aria-label="changed to"> → </span>
              <span>{c.after}</span>
            </>
          ) : c.after !== null ? (
            c.after
          ) : (
            <span className="text-slate-500">{c.before} (removed)</span>
          )}
        </li>
      ))}
    </ul>
  );
}
