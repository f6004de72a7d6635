import { notFound } from "next/navigation";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { QueueRunner } from "../_components/queue-runner";

export const metadata = { title: "Enrollment queue" };

export default async function EnrollmentQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ unknown?: string }>;
}) {
  await requirePermission("enrollment.write");
  const { id } = await params;
  const unknown = Number((await searchParams).unknown ?? 0);
  const api = await serverCaller();
  const queue = await api.enrollment.queue({ batchId: id }).catch((e: unknown) => {
    if ((e as { code?: string }).code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        eyebrow="Enrollment"
        title={queue.name}
        description={`Created by ${queue.createdBy}. Scan a key's serial, then enroll it here (insert the key and touch it; the person sets the PIN at the browser's prompt) or hand it over with a one-time pass for the person to register it themselves.`}
        actions={
          <Link
            href={`/enrollment/${queue.id}/sheet`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Handover sheet
          </Link>
        }
      />
      {unknown > 0 ? (
        <p role="status" className="mb-4 text-sm text-amber-800">
          {unknown} UPN{unknown === 1 ? " was" : "s were"} not an active person in the directory and left out.
        </p>
      ) : null}
      <QueueRunner queue={queue} />
    </>
  );
}
