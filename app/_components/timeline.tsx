import { formatDateTime } from "@/app/_components/format";

export interface TimelineEntry {
  title: string;
  at: Date | string;
  actor?: string | null;
  detail?: string | null;
}

/** One history, newest first: the key page's and the user page's timelines. */
export function Timeline({ entries, testId }: { entries: readonly TimelineEntry[]; testId: string }) {
  return (
    <ol className="space-y-3" data-testid={testId}>
      {entries.map((t, i) => (
        <li key={i} className="border-l-2 border-slate-200 pl-3 text-sm">
          <p className="font-medium text-slate-900">{t.title}</p>
          <p className="text-xs text-slate-500">
            {formatDateTime(t.at)}
            {t.actor ? ` · ${t.actor}` : ""}
          </p>
          {t.detail ? <p className="mt-0.5 break-words text-xs text-slate-600">{t.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
