import { Badge } from "@/app/_components/badge";
import { formatDateTime } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { SimpleTable } from "../_components/levers-ui";
import { RolloutTabs } from "../_components/rollout-tabs";
import { OptOuts } from "./_components/opt-outs";
import { SendReminders } from "./_components/send-reminders";
import { SendingSettings } from "./_components/sending-settings";
import { TemplateEditor } from "./_components/template-editor";

export const metadata = { title: "Messages" };

const resultTone = { sent: "success", failed: "danger", pending: "warning" } as const;
const resultLabel = { sent: "Sent", failed: "Not sent", pending: "No answer (not re-sent)" } as const;

export default async function MessagesPage() {
  const actor = await requirePermission("levers.read");
  const canWrite = can(actor.roles, "levers.write");
  const api = await serverCaller();
  const [overview, plan, optOuts, log] = await Promise.all([
    api.messages.overview(),
    api.messages.reminderPlan(),
    api.messages.optOuts(),
    api.messages.log({ take: 100 }),
  ]);
  const people = [...plan.recipients, ...optOuts];
  return (
    <>
      <PageHeader
        eyebrow="Adoption"
        title="Rollout"
        description="Registration reminders and handover notices, sent by mail from one mailbox. Never a pass or a PIN: templates take only the placeholders listed."
      />
      <RolloutTabs current="/rollout/messages" />
      <div className="space-y-6">
        {overview.problem ? (
          <p
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            {overview.problem}
          </p>
        ) : null}
        <Panel
          title="Registration reminders"
          description={`To members of a wave past its deadline, or due within ${overview.config.reminderDaysBefore} days, who can sign in and have no key registered. Once a day per person; the daily job sends them at 09:00 UTC.`}
        >
          <SendReminders plan={plan} canSend={canWrite} />
        </Panel>
        <Panel title="Templates" description="Edit the text; preview it for one person before saving.">
          <TemplateEditor templates={overview.templates} people={people} canWrite={canWrite} />
        </Panel>
        <div className="grid gap-6 lg:grid-cols-2">
          <Panel title="Sending" description={`${overview.sentToday} messages recorded today.`}>
            <SendingSettings config={overview.config} canWrite={canWrite} />
          </Panel>
          <Panel title="Opted out" description="Never sent to, whatever the template.">
            <OptOuts rows={optOuts} canWrite={canWrite} />
          </Panel>
        </div>
        <Panel
          title="Send log"
          description="Who got which message, when, and the result. The text itself is not kept."
        >
          {log.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing has been sent yet.</p>
          ) : (
            <SimpleTable label="Send log" head={["When", "To", "Message", "Result", "By"]}>
              {log.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-5 py-2">{formatDateTime(r.at)}</td>
                  <td className="px-5 py-2">{r.recipient}</td>
                  <td className="px-5 py-2">{r.label}</td>
                  <td className="px-5 py-2">
                    <Badge tone={resultTone[r.result as keyof typeof resultTone] ?? "neutral"}>
                      {resultLabel[r.result as keyof typeof resultLabel] ?? r.result}
                    </Badge>
                    {r.error ? <p className="mt-1 text-xs text-red-700">{r.error}</p> : null}
                  </td>
                  <td className="px-5 py-2">{r.by}</td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </Panel>
      </div>
    </>
  );
}
