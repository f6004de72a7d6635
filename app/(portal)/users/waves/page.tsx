import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { UserTabs } from "../_components/user-tabs";
import { WaveAssign } from "../_components/wave-assign";

export const metadata = { title: "Wave assignment" };

export default async function WaveAssignmentPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("keys.assign");
  const api = await serverCaller();
  const waves = await api.assignment.waves();
  const waveId = readParam(await searchParams, "wave") ?? null;
  const preview =
    waveId && waves.some((w) => w.id === waveId) ? await api.assignment.wavePreview({ waveId }) : null;
  return (
    <>
      <PageHeader
        eyebrow="Directory"
        title="Wave assignment"
        description="Give everyone in a rollout wave who has no key a primary key from stock at their office: preview who gets which key, then confirm once."
      />
      <UserTabs current="/users/waves" />
      <WaveAssign waves={waves} preview={preview} />
    </>
  );
}
