"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { problemOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * The user's site, settable by hand when their office in Entra names no site (or the wrong one). A site
 * set here is kept by sync; "From their office" hands it back to the office → site match.
 */
export function SitePicker({
  userId,
  siteId,
  isManual,
  sites,
}: {
  userId: string;
  siteId: string | null;
  isManual: boolean;
  sites: { id: string; code: string; name: string }[];
}) {
  const router = useRouter();
  const trpc = useTRPC();
  const setSite = useMutation(trpc.users.setSite.mutationOptions());
  const id = useId();
  const [value, setValue] = useState(isManual ? (siteId ?? "") : "");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function save(next: string) {
    setValue(next);
    setBusy(true);
    setError(null);
    try {
      await setSite.mutateAsync({ userId, siteId: next || null });
      router.refresh();
    } catch (e) {
      setError(problemOf(e).message);
      setValue(isManual ? (siteId ?? "") : "");
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="block">
      <label htmlFor={id} className="sr-only">
        Site
      </label>
      <select
        id={id}
        data-testid="user-site"
        value={value}
        disabled={isBusy}
        onChange={(e) => void save(e.target.value)}
        className="mt-0.5 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        <option value="">
          From their office
          {!isManual && siteId ? ` (${sites.find((s) => s.id === siteId)?.code ?? "?"})` : " (none matches)"}
        </option>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.code} — {s.name} (set by hand)
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="mt-1 block text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
