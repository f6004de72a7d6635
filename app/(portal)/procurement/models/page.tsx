import { Cpu } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { EmptyState } from "@/app/_components/empty-state";
import { formatNumber } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { ProcurementActions } from "../_components/procurement-actions";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { money } from "../_components/money";
import { formFactorLabel, userVerificationLabel } from "./_components/labels";
import { UnknownAaguids } from "./_components/unknown-aaguids";

export const metadata = { title: "Key models" };

const dash = <span className="text-slate-500">—</span>;

export default async function KeyModelsPage() {
  const actor = await requirePermission("procurement.read");
  const canWrite = can(actor.roles, "procurement.write");
  const caller = await serverCaller();
  const [models, unknown] = await Promise.all([caller.inventory.models(), caller.inventory.unknownAaguids()]);
  return (
    <>
      <PageHeader
        eyebrow="Procurement"
        title="Key models"
        description="What each model is and costs, and the AAGUIDs that identify it in Entra. Purchase orders, stock and the forecast use these."
        actions={
          <ProcurementActions addHref="/procurement/models/new" addLabel="Add a model" canWrite={canWrite} />
        }
      />
      {unknown.length ? (
        <Panel
          title={`${unknown.length} AAGUID${unknown.length === 1 ? "" : "s"} seen in Entra that no model claims`}
          className="mb-6 border-amber-300"
          description="Keys registered with these are not counted per model. Add a model for each, or map it to a model you already have."
        >
          <UnknownAaguids
            rows={unknown}
            canWrite={canWrite}
            models={models.map((m) => ({ id: m.id, label: `${m.vendor} ${m.productName}` }))}
          />
        </Panel>
      ) : null}
      <Panel
        title="Models"
        description={`${models.length} models · ${models.filter((m) => m.isActive).length} can be ordered`}
      >
        {models.length === 0 ? (
          <EmptyState icon={Cpu} title="No key models yet">
            Add the models you buy: their AAGUIDs let KeyFleet recognise keys registered in Entra.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="models-table">
              <caption className="sr-only">Key models</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1.5 pr-3">Model</th>
                  <th className="pr-3">Form factor · verification</th>
                  <th className="pr-3">Certification</th>
                  <th className="pr-3 text-right">Slots</th>
                  <th className="pr-3">FIDO 2.1</th>
                  <th className="whitespace-nowrap pr-3 text-right">Unit cost</th>
                  <th className="pr-3 text-right">Lead time</th>
                  <th className="pr-3">AAGUIDs</th>
                  {canWrite ? (
                    <th>
                      <span className="sr-only">Edit</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {models.map((m) => (
                  <tr key={m.id} className={m.isActive ? "" : "text-slate-500"}>
                    <td className="min-w-40 py-2 pr-3">
                      <div className="font-medium text-slate-900">{m.productName}</div>
                      <div className="text-xs text-slate-500">
                        {m.vendor} · {formatNumber(m.keyCount)} keys{m.isActive ? "" : " · not orderable"}
                      </div>
                    </td>
                    <td className="whitespace-nowrap pr-3">
                      <div>{formFactorLabel(m.formFactor)}</div>
                      <div className="text-xs text-slate-500">
                        {userVerificationLabel(m.userVerification)}
                      </div>
                    </td>
                    <td className="whitespace-nowrap pr-3">{m.certification ?? dash}</td>
                    <td className="pr-3 text-right tabular-nums">{m.credentialSlots ?? dash}</td>
                    <td className="pr-3">
                      <div className="flex flex-col items-start gap-0.5">
                        {m.supportsPinComplexity ? <Badge tone="info">PIN complexity</Badge> : null}
                        {m.supportsForcedPinChange ? <Badge tone="info">Forced change</Badge> : null}
                        {!m.supportsPinComplexity && !m.supportsForcedPinChange ? dash : null}
                      </div>
                    </td>
                    <td className="whitespace-nowrap pr-3 text-right tabular-nums">
                      {money(m.unitCostCents)}
                    </td>
                    <td className="whitespace-nowrap pr-3 text-right tabular-nums">{m.leadTimeDays} d</td>
                    <td
                      className="whitespace-nowrap pr-3 font-mono text-xs text-slate-600"
                      title={m.aaguids.join("\n")}
                    >
                      {m.aaguids.length ? (
                        <>
                          {m.aaguids.slice(0, 2).map((a) => (
                            <div key={a}>{a.slice(0, 8)}…</div>
                          ))}
                          {m.aaguids.length > 2 ? (
                            <div className="font-sans text-slate-500">+{m.aaguids.length - 2} more</div>
                          ) : null}
                        </>
                      ) : (
                        <span className="font-sans text-amber-700">none</span>
                      )}
                    </td>
                    {canWrite ? (
                      <td className="text-right">
                        <Link
                          href={`/procurement/models/${m.id}`}
                          className="text-sm font-medium text-brand-600 hover:underline"
                          aria-label={`Edit ${m.vendor} ${m.productName}`}
                        >
                          Edit
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </>
  );
}
