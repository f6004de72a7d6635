import Link from "next/link";
import { formatDate } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { attempt, PolicyState, SimpleTable, Unavailable } from "../_components/levers-ui";
import { RolloutTabs } from "../_components/rollout-tabs";

export const metadata = { title: "Enforcement readiness" };

const cell = "px-5 py-2.5";
type Counted = "coveredReady" | "coveredNotReady" | "readyNotCovered" | "notReadyNotCovered" | "notReady";
/** The columns after "Members": the list each number opens, and whether a non-zero one is bad news. */
const counts: [string, Counted, boolean][] = [
  ["covered_ready", "coveredReady", false],
  ["covered_not_ready", "coveredNotReady", true],
  ["ready_not_covered", "readyNotCovered", false],
  ["not_ready_not_covered", "notReadyNotCovered", false],
  ["would_lock_out", "notReady", true],
];

function Count({
  waveId,
  status,
  n,
  danger,
}: {
  waveId: string;
  status: string;
  n: number;
  danger?: boolean;
}) {
  return (
    <Link
      href={`/rollout/readiness/${waveId}?status=${status}`}
      className={`tabular-nums underline-offset-2 hover:underline ${danger && n > 0 ? "font-semibold text-red-700" : "text-slate-800"}`}
    >
      {n}
    </Link>
  );
}

export default async function ReadinessPage() {
  await requirePermission("levers.read");
  const api = await serverCaller();
  const r = await attempt(() => api.levers.readiness());
  return (
    <>
      <PageHeader
        eyebrow="Adoption"
        title="Rollout"
        description="Which Conditional Access policies would make each wave use a phishing-resistant key, and who is ready for them. Read from Entra on every visit; KeyFleet recommends, Entra enforces."
      />
      <RolloutTabs current="/rollout/readiness" />
      {!r.ok ? (
        <Unavailable title="Conditional Access could not be read" message={r.message} />
      ) : (
        <div className="space-y-6">
          <Panel
            title="Waves"
            description="Covered: an enabled policy requires a phishing-resistant strength a FIDO2 key satisfies. Ready: the member holds a key that strength accepts. Click a number for the people."
          >
            {r.value.waves.length === 0 ? (
              <p className="text-sm text-slate-600">
                No waves yet.{" "}
                <Link className="text-brand-700 underline" href="/rollout/waves">
                  Plan a wave
                </Link>{" "}
                to see who a policy would cover.
              </p>
            ) : (
              <SimpleTable
                label="Readiness by wave"
                head={[
                  "Wave",
                  "Enforcement",
                  "Members",
                  "Covered and ready",
                  "Covered, not ready",
                  "Ready, not covered",
                  "Neither",
                  "Would be locked out",
                ]}
              >
                {r.value.waves.map((w) => (
                  <tr key={w.waveId}>
                    <td className={cell}>
                      <Link
                        className="font-medium text-brand-700 hover:underline"
                        href={`/rollout/readiness/${w.waveId}`}
                      >
                        {w.name}
                      </Link>
                      <p className="text-xs text-slate-500">
                        {w.policies.length
                          ? w.policies.map((p) => p.name).join(", ")
                          : "No phishing-resistant policy applies"}
                      </p>
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {w.enforcementDate ? formatDate(w.enforcementDate) : "Not set"}
                      {w.daysToEnforcement !== null && w.daysToEnforcement > 0 ? (
                        <p className="text-xs text-slate-500">in {w.daysToEnforcement} days</p>
                      ) : null}
                    </td>
                    <td className={`${cell} tabular-nums`}>{w.members}</td>
                    {counts.map(([status, key, danger]) => (
                      <td key={status} className={cell}>
                        <Count waveId={w.waveId} status={status} n={w[key]} danger={danger} />
                      </td>
                    ))}
                  </tr>
                ))}
              </SimpleTable>
            )}
          </Panel>
          <Panel
            title="Conditional Access policies in the tenant"
            description="Only policies that require a phishing-resistant strength count toward coverage. A policy scoped to directory roles may cover more people than shown: roles are not resolved."
          >
            {r.value.policies.length === 0 ? (
              <p className="text-sm text-slate-600">The tenant has no Conditional Access policies.</p>
            ) : (
              <SimpleTable
                label="Conditional Access policies"
                head={["Policy", "State", "Strength", "Counts toward coverage"]}
              >
                {r.value.policies.map((p) => (
                  <tr key={p.id}>
                    <td className={cell}>{p.name}</td>
                    <td className={cell}>
                      <PolicyState state={p.state} />
                    </td>
                    <td className={cell}>
                      {p.strengthName ?? "No authentication strength"}
                      {p.restrictsModels ? (
                        <p className="text-xs text-slate-500">Accepts listed key models only</p>
                      ) : null}
                    </td>
                    <td className={cell}>
                      {p.requiresPhishingResistant ? "Yes" : "No"}
                      {p.hasRoleScope ? (
                        <p className="text-xs text-slate-500">Also targets roles (not resolved)</p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </SimpleTable>
            )}
          </Panel>
        </div>
      )}
    </>
  );
}
