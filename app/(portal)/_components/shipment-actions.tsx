"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { formatDate } from "@/app/_components/format";
import { useAction } from "@/app/_components/use-action";
import { useTRPC } from "@/app/_lib/trpc";
import { shipmentInput } from "@/server/modules/assignment/assignment.schemas";
import { handoverStateOf } from "@/server/modules/assignment/handover.constants";
import type { Handover } from "@/app/(portal)/_components/handover-summary";
import { ActionError } from "@/app/_components/action-error";
import { dialogInput } from "@/app/_components/styles";

const button = "whitespace-nowrap rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50";

/** A shipped key's next step: record the shipment (the carrier's reference), then its delivery. The server enforces the order. */
export function ShipmentActions({ serial, h }: { serial: string; h: Handover }) {
  const { run, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const recordShipment = useMutation(trpc.assignment.recordShipment.mutationOptions());
  const markDelivered = useMutation(trpc.assignment.markDelivered.mutationOptions());
  const [dialog, setDialog] = useState<"ship" | "deliver" | null>(null);
  const [carrierRef, setCarrierRef] = useState("");
  const state = handoverStateOf(h);
  const { assignmentId } = h;
  if (!assignmentId || (state !== "awaiting_shipment" && state !== "shipped")) return null;
  const open = (d: "ship" | "deliver") => {
    setError(null);
    setCarrierRef("");
    setDialog(d);
  };

  async function ship() {
    const parsed = shipmentInput.safeParse({ assignmentId, carrierRef });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    await run(
      () => recordShipment.mutateAsync(parsed.data),
      () => setDialog(null),
    );
  }

  return (
    <>
      {state === "awaiting_shipment" ? (
        <button type="button" className={button} onClick={() => open("ship")}>
          Record shipment…
        </button>
      ) : null}
      {state === "shipped" ? (
        <button type="button" className={button} onClick={() => open("deliver")}>
          Mark delivered…
        </button>
      ) : null}
      <ConfirmDialog
        open={dialog === "ship"}
        tone="neutral"
        title={`Record the shipment of ${serial}`}
        confirmLabel="Record shipment"
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={ship}
      >
        <p>Records that the key left today with the carrier. Nothing changes in Entra.</p>
        <label className="mt-3 block font-medium text-slate-700">
          Carrier and tracking reference
          <input
            value={carrierRef}
            onChange={(e) => {
              setCarrierRef(e.target.value);
              setError(null);
            }}
            maxLength={100}
            placeholder="e.g. DHL 00340434161234567890"
            className={dialogInput}
          />
        </label>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "deliver"}
        tone="neutral"
        title={`${serial} delivered?`}
        confirmLabel="Mark delivered"
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={() =>
          run(
            () => markDelivered.mutateAsync({ assignmentId }),
            () => setDialog(null),
          )
        }
      >
        <p>
          Records that the key shipped {formatDate(h.shippedAt)}
          {h.carrierRef ? ` (${h.carrierRef})` : ""} reached its user today, confirmed by you. Nothing changes
          in Entra.
        </p>
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </>
  );
}
