"use client";

import { useState } from "react";
import { Panel } from "@/app/_components/page-header";
import type { RouterOutputs } from "@/app/_lib/trpc";
import { CsvReceiver } from "./csv-receiver";
import { ScanReceiver } from "./scan-receiver";

type Line = RouterOutputs["procurement"]["get"]["lines"][number];

/**
 * The receiving panels of an order, and the outcome of the last receipt. The outcome lives here, above
 * the panels, because the receipt that completes an order also removes the panels: the agent still
 * has to read what happened.
 */
export function Receiving({
  poId,
  lines,
  isReceivable,
}: {
  poId: string;
  lines: Line[];
  isReceivable: boolean;
}) {
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <>
      {outcome ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {outcome}
        </p>
      ) : null}
      {isReceivable ? (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <Panel
            title="Receive by scanning"
            description="Keys land in stock at the receiving site as you scan."
          >
            <ScanReceiver poId={poId} lines={lines} onOrderReceived={setOutcome} />
          </Panel>
          <Panel title="Receive from a CSV file" description="Preview first; the commit is all or nothing.">
            <CsvReceiver poId={poId} onReceived={setOutcome} />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
