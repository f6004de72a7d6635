"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf, syncApi } from "@/app/(portal)/settings/sync/_components/api";

/** "Refresh from Entra" for one user: directory entry, registration state and FIDO2 methods, now. */
export function RefreshUserButton({ userId }: { userId: string }) {
  const router = useRouter();
  const [isBusy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  async function refresh() {
    setBusy(true);
    setStatus(null);
    try {
      const r = await syncApi.sync.refreshUser.mutate({ userId });
      const changes = r.credentialsAdded + r.credentialsChanged + r.credentialsRemoved;
      setStatus({
        tone: "ok",
        text: changes
          ? `Updated: +${r.credentialsAdded} / -${r.credentialsRemoved} credentials${r.matched ? `, ${r.matched} linked to keys` : ""}.`
          : "Up to date with Entra.",
      });
      router.refresh();
    } catch (e) {
      setStatus({ tone: "error", text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="inline-flex items-center gap-2 text-sm">
      <button
        type="button"
        onClick={refresh}
        disabled={isBusy}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
        data-testid="refresh-from-entra"
      >
        <RefreshCw aria-hidden className={`size-4 ${isBusy ? "animate-spin" : ""}`} />
        {isBusy ? "Refreshing…" : "Refresh from Entra"}
      </button>
      {status ? (
        <span
          role={status.tone === "error" ? "alert" : "status"}
          className={status.tone === "error" ? "text-red-700" : "text-emerald-700"}
        >
          {status.text}
        </span>
      ) : null}
    </span>
  );
}
