"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/app/_components/badge";
import { inputClass } from "@/app/_components/form-field";
import { ActionError } from "@/app/_components/action-error";
import { useAction } from "@/app/_components/use-action";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import {
  placeholders,
  templateProblems,
  type MessageKind,
} from "@/server/modules/messages/messages.constants";

type Template = RouterOutputs["messages"]["overview"]["templates"][number];
type Person = { id: string; displayName: string; userPrincipalName: string };

/** One template at a time: edit, preview for a person (the draft as typed), save. */
export function TemplateEditor({
  templates,
  people,
  canWrite,
}: {
  templates: Template[];
  people: Person[];
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.messages.saveTemplate.mutationOptions());
  const { run, isBusy, error, setError } = useAction();
  const [kind, setKind] = useState<MessageKind>(templates[0]!.kind);
  const current = templates.find((t) => t.kind === kind)!;
  const [draft, setDraft] = useState({ subject: current.subject, body: current.body });
  const [userId, setUserId] = useState(people[0]?.id ?? "");
  const [previewOf, setPreviewOf] = useState<{ subject: string; body: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const problems = templateProblems(draft);
  const preview = useQuery({
    ...trpc.messages.preview.queryOptions({ kind, userId, draft: previewOf ?? undefined }),
    enabled: previewOf !== null && userId !== "",
    retry: false,
  });

  const pick = (k: MessageKind) => {
    const t = templates.find((x) => x.kind === k)!;
    setKind(k);
    setDraft({ subject: t.subject, body: t.body });
    setPreviewOf(null);
    setSaved(false);
    setError(null);
  };
  const edit = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  return (
    <div className="grid gap-6 text-sm lg:grid-cols-2">
      <div className="space-y-3">
        <div role="radiogroup" aria-label="Template" className="flex flex-wrap gap-2">
          {templates.map((t) => (
            <button
              key={t.kind}
              type="button"
              role="radio"
              aria-checked={t.kind === kind}
              onClick={() => pick(t.kind)}
              className={`rounded-full border px-3 py-1 ${t.kind === kind ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        {current.isDefault ? <Badge>Built-in text</Badge> : null}
        <label className="block">
          <span className="font-medium text-slate-700">Subject</span>
          <input
            className={inputClass}
            value={draft.subject}
            disabled={!canWrite}
            onChange={(e) => edit({ subject: e.target.value })}
          />
        </label>
        <label className="block">
          <span className="font-medium text-slate-700">Message</span>
          <textarea
            className={`${inputClass} min-h-40 font-mono`}
            value={draft.body}
            disabled={!canWrite}
            onChange={(e) => edit({ body: e.target.value })}
          />
        </label>
        <p className="text-xs text-slate-600">
          Placeholders:{" "}
          {Object.entries(placeholders).map(([name, what], i) => (
            <span key={name}>
              {i ? "; " : ""}
              <code>{`{${name}}`}</code> {what}
            </span>
          ))}
          . Nothing else is filled in, and never a pass or a PIN.
        </p>
        {problems.length ? (
          <ul role="alert" className="list-disc pl-5 text-red-700">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        {canWrite ? (
          <button
            type="button"
            disabled={isBusy || problems.length > 0}
            onClick={() =>
              run(
                () => save.mutateAsync({ kind, ...draft }),
                () => setSaved(true),
              )
            }
            className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:bg-slate-300"
          >
            Save template
          </button>
        ) : null}
        {saved ? <p role="status">Template saved.</p> : null}
        <ActionError error={error} />
      </div>
      <div className="space-y-3">
        <div className="flex flex-wrap items-end gap-2">
          <label className="min-w-0 flex-1">
            <span className="font-medium text-slate-700">Preview for</span>
            <select className={inputClass} value={userId} onChange={(e) => setUserId(e.target.value)}>
              {people.length === 0 ? <option value="">Nobody due a reminder or opted out</option> : null}
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName} ({p.userPrincipalName})
                </option>
              ))}
            </select>
          </label>
          {canWrite ? (
            <button
              type="button"
              disabled={!userId || problems.length > 0}
              onClick={() => setPreviewOf({ ...draft })}
              className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50 disabled:text-slate-400"
            >
              Preview
            </button>
          ) : null}
        </div>
        <ActionError error={preview.error ? messageOf(preview.error) : null} />
        {preview.data ? (
          <article aria-label="Preview" className="rounded-md border border-slate-200 bg-slate-50 p-4">
            {preview.data.reason ? (
              <p className="mb-3 rounded bg-amber-100 px-2 py-1 text-amber-900">{preview.data.reason}</p>
            ) : null}
            <p className="text-xs text-slate-500">To: {preview.data.to ?? "no mail address"}</p>
            <p className="mt-1 font-semibold text-slate-900">{preview.data.subject}</p>
            <pre className="mt-3 whitespace-pre-wrap font-sans text-slate-800">{preview.data.body}</pre>
          </article>
        ) : null}
      </div>
    </div>
  );
}
