import { Badge } from "@/app/_components/badge";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { attempt, Unavailable } from "../_components/levers-ui";
import { RolloutTabs } from "../_components/rollout-tabs";
import { DraftRestriction } from "./_components/draft-restriction";
import { ChangeList } from "./_components/change-list";

export const metadata = { title: "Key restrictions" };

export default async function KeyRestrictionsPage() {
  const actor = await requirePermission("levers.read");
  const api = await serverCaller();
  const r = await attempt(() => api.levers.restrictions());
  const changes = await api.levers.restrictionChanges();
  return (
    <>
      <PageHeader
        eyebrow="Adoption"
        title="Rollout"
        description="Which key models may register, per passkey profile, by the catalogue's model names. Draft a change, see whose keys it would block, and ask for it: a second admin approves it before KeyFleet changes the policy in Entra."
      />
      <RolloutTabs current="/rollout/key-restrictions" />
      <ChangeList changes={changes} />
      {!r.ok ? (
        <Unavailable title="The FIDO2 policy could not be read" message={r.message} />
      ) : (
        <div className="space-y-6">
          <Panel
            title="In Entra now"
            description={`FIDO2 method ${r.value.policyState === "enabled" ? "enabled" : "disabled"} in the tenant. Read from Entra on every visit.`}
          >
            <ul className="divide-y divide-slate-100">
              {r.value.targets.map((t) => (
                <li key={t.id} className="py-3 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{t.name}</span>
                    {t.isEnforced ? (
                      <Badge tone={t.enforcementType === "allow" ? "brand" : "warning"}>
                        {t.enforcementType === "allow" ? "Allow list enforced" : "Block list enforced"}
                      </Badge>
                    ) : (
                      <Badge>No key restriction</Badge>
                    )}
                    {t.passkeyTypes ? (
                      <span className="text-xs text-slate-500">
                        Passkey types:{" "}
                        {t.passkeyTypes.replace("deviceBound", "device-bound").replaceAll(",", ", ")}
                      </span>
                    ) : null}
                  </div>
                  <p className="mt-1 text-sm text-slate-600">
                    For: {t.groups.length ? t.groups.map((g) => g.name).join(", ") : "no group targets it"}
                  </p>
                  {t.models.length ? (
                    <p className="mt-1 text-sm text-slate-600">
                      {t.enforcementType === "allow" ? "Allowed" : "Blocked"}:{" "}
                      {t.models.map((m) => m.name).join(", ")}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </Panel>
          {can(actor.roles, "levers.write") ? (
            <Panel
              title="Draft a change"
              description="A preview reads and changes nothing. Ask for the change once the preview is what you want: an admin other than you approves it, and only then Entra changes."
            >
              <DraftRestriction targets={r.value.targets} models={r.value.models} />
            </Panel>
          ) : null}
        </div>
      )}
    </>
  );
}
