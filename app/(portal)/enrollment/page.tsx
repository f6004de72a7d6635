import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { NewQueue } from "./_components/new-queue";

export const metadata = { title: "Enrollment" };

export default async function EnrollmentPage() {
  await requirePermission("enrollment.write");
  const api = await serverCaller();
  const [queues, sources] = await Promise.all([api.enrollment.queues(), api.enrollment.sources()]);
  return (
    <>
      <PageHeader
        eyebrow="Helpdesk"
        title="Enrollment station"
        description="Register keys in Entra on a person's behalf before handing them over: each new credential is linked to the key's serial as enrolled, known rather than inferred. The person sets the PIN at the key through the browser's own prompt; KeyFleet never sees it."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_1fr]">
        <Panel title="New queue" description="One person, a list of UPNs, a rollout wave or a site.">
          <NewQueue waves={sources.waves} sites={sources.sites} />
        </Panel>
        <Panel
          title="Queues"
          description="Progress is kept in the database: a queue resumes where it stopped, after a reload or a restart."
        >
          {queues.length ? (
            <table className="w-full text-left text-sm" data-testid="enrollment-queues">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className="py-1.5 font-medium">Queue</th>
                  <th className="py-1.5 font-medium">Progress</th>
                  <th className="py-1.5 font-medium">Started</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {queues.map((q) => (
                  <tr key={q.id}>
                    <td className="py-2">
                      <Link
                        href={`/enrollment/${q.id}`}
                        className="font-medium text-slate-900 hover:underline"
                      >
                        {q.name}
                      </Link>
                      <span className="block text-xs text-slate-500">by {q.createdBy}</span>
                    </td>
                    <td className="py-2">
                      <span className="flex flex-wrap gap-1">
                        <Badge tone="success">{q.done} done</Badge>
                        {q.failed ? <Badge tone="danger">{q.failed} failed</Badge> : null}
                        {q.skipped ? <Badge>{q.skipped} skipped</Badge> : null}
                        <Badge tone="info">{q.pending} to do</Badge>
                      </span>
                    </td>
                    <td className="py-2 text-slate-600">{formatDateTime(q.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600">No queues yet.</p>
          )}
        </Panel>
      </div>
    </>
  );
}
