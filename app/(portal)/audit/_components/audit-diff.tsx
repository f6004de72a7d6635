import type { RouterOutputs } from "@/app/_lib/trpc";

// An audit event's change in words ("Status: in stock → reserved"), as the server describes it. The raw
// before/after stays in the trail and in the export.

type Change = RouterOutputs["audit"]["list"]["items"][number]["changes"][number];

const SHOWN = 4;

function ChangeLine({ c }: { c: Change }) {
  return (
    <li>
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
  );
}

/** The first few changes; a long record (a setup step, a sync) folds the rest away. */
export function AuditDiff({ changes }: { changes: readonly Change[] }) {
  if (!changes.length) return <span className="text-xs text-slate-400">No details recorded</span>;
  const list = "min-w-48 space-y-0.5 break-words text-xs text-slate-700";
  const rest = changes.slice(SHOWN);
  return (
    <div data-testid="audit-change">
      <ul className={list}>
        {changes.slice(0, SHOWN).map((c, i) => (
          <ChangeLine key={i} c={c} />
        ))}
      </ul>
      {rest.length ? (
        <details className="text-xs">
          <summary className="cursor-pointer select-none text-brand-600 hover:underline">
            {rest.length} more
          </summary>
          <ul className={list}>
            {rest.map((c, i) => (
              <ChangeLine key={i} c={c} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
