"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";

/** One click: a site for an office location, with the proposed code and name (audited by inventory like any site). */
export function CreateSiteButton({
  code,
  name,
  officeLocation,
}: {
  code: string;
  name: string;
  officeLocation: string;
}) {
  const { run, isBusy, error } = useAction();
  const trpc = useTRPC();
  const createSite = useMutation(trpc.inventory.createSite.mutationOptions());
  const [done, setDone] = useState(false);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={isBusy || done}
        onClick={() =>
          run(
            () => createSite.mutateAsync({ code, name, officeLocation, kind: "office" }),
            () => setDone(true),
          )
        }
        className="whitespace-nowrap rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        data-testid={`create-site-${code}`}
      >
        {done ? "Created" : isBusy ? "Creating…" : `Create ${code}`}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
