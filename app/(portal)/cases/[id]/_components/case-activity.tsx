"use client";

import { formatDateTime } from "@/app/_components/format";
import { Panel } from "@/app/_components/page-header";
import { who } from "@/app/(portal)/_components/case-labels";
import { useCase } from "./case-api";

/** Who did what on this case: four eyes is something a reader can check here at a glance. */
export function CaseActivity() {
  const { view, me } = useCase();
  if (!view.activity.length) return null;
  return (
    <Panel
      title="Who did what"
      description="Whoever opened, verified, asked for an approval or ran a step that changes Entra cannot approve this case."
    >
      <ol className="space-y-1.5 text-sm" data-testid="case-activity">
        {view.activity.map((e, i) => (
          <li key={i}>
            <p>
              <strong className="font-medium text-slate-900">
                {e.actorId === me ? "You" : (e.actorName ?? who(e.actorId, me))}
              </strong>{" "}
              {e.what}
            </p>
            <p className="text-xs text-slate-500">{formatDateTime(e.at)}</p>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
