import { formatNumber, percent } from "@/app/_components/format";
import { Panel } from "@/app/_components/page-header";

// On the rollout dashboard: how each live key ↔ credential link was made. Enrolled links are known by
// construction (KeyFleet saw Entra create the credential for that serial); the others were matched.
export function LinkSharePanel({
  data,
}: {
  data: { enrolled: number; confirmed: number; inferred: number };
}) {
  const total = data.enrolled + data.confirmed + data.inferred;
  const rows = [
    { label: "Enrolled through KeyFleet (known)", n: data.enrolled },
    { label: "Confirmed by an agent", n: data.confirmed },
    { label: "Inferred by matching", n: data.inferred },
  ];
  return (
    <Panel
      title="How keys are linked to credentials"
      description="Live credentials linked to a key, by how the link was made."
    >
      <table className="w-full text-left text-sm" data-testid="link-share">
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.label}>
              <td className="py-1.5">{r.label}</td>
              <td className="py-1.5 text-right tabular-nums">{formatNumber(r.n)}</td>
              <td className="w-16 py-1.5 text-right tabular-nums text-slate-500">{percent(r.n, total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
