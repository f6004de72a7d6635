"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { messageOf } from "@/app/_lib/problem";

/**
 * One mutation from a client component: busy while it runs, the server's message as `error` when it fails,
 * and on success `onDone` (close the dialog, say what happened) then a refresh so the server-rendered page
 * shows the change. Pass a `useMutation(…).mutateAsync` call: the query cache re-reads what the mutation
 * changed; the refresh covers what the server component rendered. `run` resolves to whether it
 * succeeded; it never throws. `refresh: false` where nothing the server rendered changes (a preview, or a
 * request the page shows by itself).
 */
export function useAction({ refresh = true }: { refresh?: boolean } = {}) {
  const router = useRouter();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async <T>(mutation: () => Promise<T>, onDone?: (result: T) => void): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const result = await mutation();
        onDone?.(result);
        if (refresh) router.refresh();
        return true;
      } catch (e) {
        setError(messageOf(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [router, refresh],
  );

  return { run, isBusy, error, setError };
}
