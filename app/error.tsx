"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback } from "react";
import { useDatabaseOutage } from "@/app/_components/use-database-outage";

// Never shows a stack trace: only a reference the administrator can find in the server log. When the
// database is the cause, says so, and retries by itself once it is back.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const retry = useCallback(
    () =>
      startTransition(() => {
        router.refresh();
        reset();
      }),
    [router, reset],
  );
  const db = useDatabaseOutage(retry);
  const isOutage = db.kind === "down";
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <div
        role="alert"
        className="max-w-md text-center"
        data-testid={isOutage ? "database-unavailable" : "page-error"}
      >
        <p className="text-sm font-semibold text-red-600">{isOutage ? "Database unavailable" : "Error"}</p>
        <h1 className="mb-2 text-xl font-semibold">
          {isOutage ? "KeyFleet cannot reach its database" : "Something went wrong"}
        </h1>
        <p className="mb-4 text-sm text-slate-600">
          {isOutage ? db.message : "The page could not be shown."} Nothing was changed by this error.
        </p>
        {isOutage ? (
          <p className="mb-4 text-xs text-slate-500" aria-live="polite">
            This page reloads by itself when the database answers again.
          </p>
        ) : null}
        <p className="mb-6 text-xs text-slate-500">
          Request id:{" "}
          <code className="rounded bg-slate-100 px-1.5 py-0.5" data-testid="request-id">
            {error.digest ?? "unavailable"}
          </code>
        </p>
        <button
          type="button"
          onClick={retry}
          className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50"
        >
          Try again
        </button>
      </div>
    </main>
  );
}
