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
import { dialogInput, rowButton } from "@/app/_components/styles";

const button = `whitespace-nowrap ${rowButton}`;

/**
 * A key's next handover step. Shipped: record the shipment (the carrier's reference), then its delivery.
 * Pickup: mark it ready at the desk (the user is told), then collected. The server enforces the order.
 */
export function ShipmentActions({ serial, h }: { serial: string; h: Handover }) {
  const { run, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const recordShipment = useMutation(trpc.assignment.recordShipment.mutationOptions());
  const markDelivered = useMutation(trpc.assignment.markDelivered.mutationOptions());
  const markReady = useMutation(trpc.assignment.markReadyForPickup.mutationOptions());
  const [dialog, setDialog] = useState<"ship" | "deliver" | "ready" | null>(null);
  const [carrierRef, setCarrierRef] = useState("");
  const state = handoverStateOf(h);
  const { assignmentId } = h;
  const isPickup = state === "awaiting_pickup" || state === "ready_for_pickup";
  if (!assignmentId || (state !== "awaiting_shipment" && state !== "shipped" && !isPickup)) return null;
  const open = (d: "ship" | "deliver" | "ready") => {
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

  const mark = (m: typeof markReady | typeof markDelivered) =>
    run(
      () => m.mutateAsync({ assignmentId }),
      () => setDialog(null),
    );
  const steps = {
    ready: {
      title: `${serial} ready for pickup?`,
      confirmLabel: "Mark ready for pickup",
      confirm: () => mark(markReady),
      body: (
        <p>
          Records that the key is waiting at the desk of the user&apos;s site. When a sending mailbox is set,
          the user gets the &ldquo;ready for pickup&rdquo; message (never a pass or PIN). Nothing changes in
          Entra.
        </p>
      ),
    },
    ship: {
      title: `Record the shipment of ${serial}`,
      confirmLabel: "Record shipment",
      confirm: ship,
      body: (
        <>
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
        </>
      ),
    },
    deliver: {
      title: isPickup ? `${serial} collected?` : `${serial} delivered?`,
      confirmLabel: isPickup ? "Mark collected" : "Mark delivered",
      confirm: () => mark(markDelivered),
      body: (
        <p>
          {isPickup
            ? `Records that the user collected the key, ready since ${formatDate(h.readyAt ?? null)}, today, confirmed by you.`
            : `Records that the key shipped ${formatDate(h.shippedAt)}${h.carrierRef ? ` (${h.carrierRef})` : ""} reached its user today, confirmed by you.`}{" "}
          Nothing changes in Entra.
        </p>
      ),
    },
  };
  const step = dialog ? steps[dialog] : null;

  return (
    <>
      {state === "awaiting_shipment" ? (
        <button type="button" className={button} onClick={() => open("ship")}>
          Record shipment…
        </button>
      ) : null}
      {state === "shipped" || state === "ready_for_pickup" ? (
        <button type="button" className={button} onClick={() => open("deliver")}>
          {isPickup ? "Mark collected…" : "Mark delivered…"}
        </button>
      ) : null}
      {state === "awaiting_pickup" ? (
        <button type="button" className={button} onClick={() => open("ready")}>
          Mark ready for pickup…
        </button>
      ) : null}
      <ConfirmDialog
        open={dialog !== null}
        tone="neutral"
        title={step?.title ?? ""}
        confirmLabel={step?.confirmLabel ?? ""}
        isBusy={isBusy}
        onCancel={() => setDialog(null)}
        onConfirm={() => void step?.confirm()}
      >
        {step?.body}
        <ActionError error={error} className="mt-2 text-red-700" />
      </ConfirmDialog>
    </>
  );
}
