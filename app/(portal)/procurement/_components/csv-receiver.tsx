"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { receiveCsvInput } from "@/server/modules/procurement/procurement.schemas";
import { ActionError } from "@/app/_components/action-error";
import { primaryButton } from "@/app/_components/styles";

type Preview = RouterOutputs["procurement"]["previewCsv"];

/** CSV import: preview with every row's problems, then an all-or-nothing commit. */
export function CsvReceiver({ poId, onReceived }: { poId: string; onReceived: (outcome: string) => void }) {
  const trpc = useTRPC();
  const previewCsv = useMutation(trpc.procurement.previewCsv.mutationOptions({ meta: { readOnly: true } }));
  const commitCsv = useMutation(trpc.procurement.commitCsv.mutationOptions());
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function check(text = csv) {
    setError(null);
    setPreview(null);
    const parsed = receiveCsvInput.safeParse({ poId, csv: text });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    setBusy(true);
    try {
      setPreview(await previewCsv.mutateAsync(parsed.data));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    setBusy(true);
    try {
      const r = await commitCsv.mutateAsync({ poId, csv });
      onReceived(`Received ${r.received} keys. The order is now ${r.poStatus.replace("_", " ")}.`);
      setPreview(null);
      setCsv("");
      setFileName(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        A header row naming <code>serial</code>, and optionally <code>model</code> and <code>po</code>.
        Nothing is received unless every row is good.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm font-medium text-slate-700">
          CSV file
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="csv-file"
            className="mt-1 block text-sm"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              const text = await f.text();
              setFileName(f.name);
              setCsv(text);
              await check(text);
            }}
          />
        </label>
        {fileName ? <span className="text-xs text-slate-500">{fileName}</span> : null}
      </div>
      <label className="block text-sm font-medium text-slate-700">
        …or paste it
        <textarea
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          rows={4}
          spellCheck={false}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs"
        />
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => check()}
          disabled={isBusy || !csv.trim()}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50"
        >
          Check file
        </button>
        {preview?.canCommit ? (
          <button type="button" onClick={commit} disabled={isBusy} className={primaryButton}>
            {isBusy ? "Receiving…" : `Receive ${preview.validCount} keys`}
          </button>
        ) : null}
      </div>
      <ActionError error={error} className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" />
      {preview ? (
        <div data-testid="csv-preview">
          <p className="text-sm text-slate-700">
            {preview.validCount} rows ready ·{" "}
            <span className={preview.errorCount ? "font-medium text-red-700" : ""}>
              {preview.errorCount} with problems
            </span>
          </p>
          {preview.fileErrors.map((f) => (
            <p key={f} className="text-sm text-red-700">
              {f}
            </p>
          ))}
          {preview.rows.length < preview.rowCount ? (
            <p className="text-xs text-slate-500">
              Showing {preview.rows.length} of {preview.rowCount} rows
              {preview.errorCount ? ", those with problems first" : ""}.
            </p>
          ) : null}
          {preview.rows.length ? (
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Rows of the file</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1 pr-3">Line</th>
                  <th className="pr-3">Serial</th>
                  <th className="pr-3">Model</th>
                  <th>Problems</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? "bg-red-50/60" : ""}>
                    <td className="py-1 pr-3 tabular-nums">{r.line}</td>
                    <td className="pr-3 font-mono">{r.serial}</td>
                    <td className="pr-3">{r.model ?? "—"}</td>
                    <td className={r.errors.length ? "text-red-700" : "text-emerald-700"}>
                      {r.errors.length ? r.errors.join("; ") : "ok"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
