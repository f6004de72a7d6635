import Link from "next/link";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { attempt, Unavailable } from "../../_components/levers-ui";
import { AddMember, MemberList } from "./_components/wave-people";
import { textLink } from "@/app/_components/styles";

export const metadata = { title: "Wave members" };

/** One wave's people: add or take out a single person, whatever the wave's groups or filter say. */
export default async function WaveMembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  await requirePermission("rollout.write");
  const { id } = await params;
  const sp = await searchParams;
  const q = (sp.q ?? "").slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(sp.page ?? "1", 10) || 1));
  const api = await serverCaller();
  const waves = await api.rollout.waves();
  const wave = waves.find((w) => w.id === id);
  const r = await attempt(() => api.rollout.waveMembers({ waveId: id, q, page }));
  return (
    <>
      <PageHeader
        eyebrow="Rollout waves"
        title={wave ? `${wave.name}: people` : "Wave members"}
        description="Add or take out one person. The wave keeps the change through every later refresh from its groups or filter. Nothing changes in Entra."
      />
      <p className="mb-4 text-sm">
        <Link href="/rollout/waves" className={textLink}>
          ← Waves
        </Link>
      </p>
      {!r.ok || !wave ? (
        <Unavailable title="This wave could not be shown" message={r.ok ? "No such wave." : r.message} />
      ) : (
        <div className="space-y-6">
          <Panel title="Add a person">
            <AddMember waveId={id} />
          </Panel>
          <Panel
            title={`Members (${r.value.total})`}
            description="Registered: holds a live FIDO2 credential in Entra (from the last sync)."
          >
            <MemberList waveId={id} waveName={wave.name} data={r.value} q={q} />
          </Panel>
        </div>
      )}
    </>
  );
}
