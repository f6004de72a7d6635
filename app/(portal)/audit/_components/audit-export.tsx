"use client";

import { useMutation } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC, type RouterInputs } from "@/app/_lib/trpc";

type Filter = Omit<RouterInputs["audit"]["export"], "format">;

/**
 * Downloads the trail exactly as filtered on the page (every page of it, not only the one shown), as
 * CSV or JSON. The export is itself an audit event, so the page reloads to show it.
 */
export function AuditExport({ filter }: { filter: Filter }) {
  const trpc = useTRPC();
  const router = useRouter();
  const exportTrail = useMutation(trpc.audit.export.mutationOptions());
  const [status, setStatus] = useState<string | null>(null);

  async function download(format: "csv" | "json") {
    setStatus("Exporting…");
    try {
      const file = await exportTrail.mutateAsync({ ...filter, format });
      const url = URL.createObjectURL(new Blob([file.content], { type: `${file.mimeType};charset=utf-8` }));
      const a = Object.assign(document.createElement("a"), { href: url, download: file.filename });
      a.click();
      URL.revokeObjectURL(url);
      setStatus(
        file.isTruncated
          ? `Exported the newest ${file.rows.toLocaleString("en-GB")} events: narrow the dates for the rest.`
          : `Exported ${file.rows.toLocaleString("en-GB")} ${file.rows === 1 ? "event" : "events"}.`,
      );
      router.refresh();
    } catch (e) {
      setStatus(messageOf(e));
    }
  }

  const button =
    "inline-flex items-center gap-1 whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-60";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={button}
        disabled={exportTrail.isPending}
        onClick={() => download("csv")}
      >
        <Download aria-hidden className="size-4" /> Export CSV
      </button>
      <button
        type="button"
        className={button}
        disabled={exportTrail.isPending}
        onClick={() => download("json")}
      >
        <Download aria-hidden className="size-4" /> Export JSON
      </button>
      {status ? (
        <span role="status" className="text-xs text-slate-500" data-testid="audit-export-status">
          {status}
        </span>
      ) : null}
    </div>
  );
}
