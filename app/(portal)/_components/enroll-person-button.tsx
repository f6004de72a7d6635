"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { problemOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";

// On a person's page: the enrollment desk for this one person (a queue of one), where the key is registered
// on their behalf or handed over with a pass (docs/ENROLLMENT.md).
export function EnrollPersonButton({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.enrollment.createQueue.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setError(null);
    try {
      const q = await create.mutateAsync({ source: "single", userId, handover: "in_person" });
      router.push(`/enrollment/${q.batchId}`);
    } catch (x) {
      setError(problemOf(x).message);
    }
  }
  return (
    <>
      <button
        type="button"
        onClick={open}
        disabled={create.isPending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-40"
      >
        Enroll or hand over a key
      </button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}
