// Before/after of an audit event, field by field. Values are shown as recorded (JSON), never re-fetched.

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: Json): string => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  if (before == null && after == null) return <span className="text-xs text-slate-400">No data</span>;
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const changed = fields.filter((f) => show(b[f]) !== show(a[f]));
  const summary =
    before == null
      ? "Created"
      : after == null
        ? "Removed"
        : `${changed.length} field${changed.length === 1 ? "" : "s"} changed`;
  return (
    <details className="group min-w-48 text-xs">
      <summary className="cursor-pointer select-none text-brand-600 hover:underline">{summary}</summary>
      <table className="mt-2 w-full border-collapse">
        <thead>
          <tr className="text-left text-slate-500">
            <th scope="col" className="pr-3 font-medium">
              Field
            </th>
            <th scope="col" className="pr-3 font-medium">
              Before
            </th>
            <th scope="col" className="font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const isChanged = changed.includes(f);
            return (
              <tr key={f} className="align-top">
                <th scope="row" className="pr-3 font-mono font-normal text-slate-600">
                  {f}
                </th>
                <td
                  className={`break-all pr-3 font-mono ${isChanged ? "bg-red-50 text-red-800 line-through decoration-red-300" : "text-slate-500"}`}
                >
                  {show(b[f])}
                </td>
                <td
                  className={`break-all font-mono ${isChanged ? "bg-emerald-50 text-emerald-800" : "text-slate-500"}`}
                >
                  {show(a[f])}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
