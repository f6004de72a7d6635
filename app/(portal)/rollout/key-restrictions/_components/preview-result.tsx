import { Badge } from "@/app/_components/badge";
import type { RouterOutputs } from "@/app/_lib/trpc";

export type Preview = RouterOutputs["levers"]["previewRestriction"];

/** What a key-restriction change would block: on the draft form and again on the approval screen. */
export function PreviewResult({ preview: p }: { preview: Preview }) {
  return (
    <section
      aria-label="Preview"
      className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm"
    >
      <h3 className="font-semibold text-slate-900">Preview: {p.target.name}</h3>
      {p.warnings.map((w) => (
        <p
          key={w}
          role="status"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
        >
          {w}
        </p>
      ))}
      <p>
        Newly blocked models:{" "}
        {p.blockedModels.length ? (
          [...new Set(p.blockedModels.map((m) => m.name))].join(", ")
        ) : (
          <span>none</span>
        )}
      </p>
      <div>
        <h4 className="font-medium text-slate-800">
          Existing credentials it would block: {p.credentials.total} ({p.credentials.people} people)
        </h4>
        {p.credentials.freed ? (
          <p className="text-slate-600">{p.credentials.freed} blocked today would be allowed again.</p>
        ) : null}
        {p.credentials.list.length ? (
          <ul className="mt-2 max-h-56 divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-200 bg-white">
            {p.credentials.list.map((c, i) => (
              <li key={`${c.userId}-${i}`} className="flex flex-wrap justify-between gap-2 px-3 py-1.5">
                <span>
                  {c.displayName} <span className="text-slate-500">{c.userPrincipalName}</span>
                </span>
                <span className="text-slate-600">
                  {c.model} {c.synced ? <Badge>synced</Badge> : null}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {p.credentials.total > p.credentials.list.length ? (
          <p className="mt-1 text-xs text-slate-500">The first {p.credentials.list.length} are listed.</p>
        ) : null}
      </div>
      <div>
        <h4 className="font-medium text-slate-800">
          Keys not yet registered that could no longer register: {p.keys.total}
        </h4>
        {p.keys.byModel.length ? (
          <ul className="mt-1 list-inside list-disc text-slate-700">
            {p.keys.byModel.map((m) => (
              <li key={m.model}>
                {m.model}: {m.inStock} in stock, {m.reserved} reserved, {m.assigned} handed out
              </li>
            ))}
          </ul>
        ) : null}
        {p.keys.assigned.length ? (
          <ul className="mt-2 text-slate-600">
            {p.keys.assigned.map((k) => (
              <li key={k.serial}>
                {k.serial} ({k.model}, {k.site}) — {k.holder ?? "reserved for a case"}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
