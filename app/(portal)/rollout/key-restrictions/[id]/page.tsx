import Link from "next/link";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { attempt, Unavailable } from "../../_components/levers-ui";
import { ChangeSummary } from "../_components/change-summary";
import { PreviewResult } from "../_components/preview-result";
import { DecideChange } from "./_components/decide-change";
import { textLink } from "@/app/_components/styles";

export const metadata = { title: "Key-restriction change" };

/** The approval screen: the change, its preview computed again now, and (for another admin) the decision. */
export default async function RestrictionChangePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("levers.read");
  const { id } = await params;
  const api = await serverCaller();
  const r = await attempt(() => api.levers.restrictionChange({ id }));
  return (
    <>
      <PageHeader
        eyebrow="Key restrictions"
        title="Key-restriction change"
        description="Four eyes: the person who asked never approves. Approving applies the change to the FIDO2 policy in Entra at once, unless the policy changed there since the draft."
      />
      <p className="mb-4 text-sm">
        <Link href="/rollout/key-restrictions" className={textLink}>
          ← Key restrictions
        </Link>
      </p>
      {!r.ok ? (
        <Unavailable title="This change could not be shown" message={r.message} />
      ) : (
        <div className="space-y-6">
          <Panel title="The change">
            <ChangeSummary
              change={r.value.change}
              models={[...new Set((r.value.preview?.blockedModels ?? []).map((m) => m.name))].join(", ")}
            />
            {r.value.change.canDecide ? (
              <DecideChange id={r.value.change.id} />
            ) : r.value.change.status === "pending" ? (
              <p className="mt-3 text-sm text-slate-600">
                {r.value.change.mine
                  ? "You asked for this change, so another admin approves it."
                  : "An admin who did not ask for it approves or rejects it."}
              </p>
            ) : null}
          </Panel>
          <Panel
            title={
              r.value.change.status === "pending"
                ? "What it would block if applied now"
                : "What it would block now"
            }
            description="Computed again from Entra and the stock on every visit."
          >
            {r.value.preview ? (
              <PreviewResult preview={r.value.preview} />
            ) : (
              <p role="status" className="text-sm text-amber-900">
                {r.value.previewProblem}
              </p>
            )}
          </Panel>
        </div>
      )}
    </>
  );
}
