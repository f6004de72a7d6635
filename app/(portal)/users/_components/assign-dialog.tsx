"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { DialogButton } from "@/app/_components/dialog-button";
import { useAction } from "@/app/_components/use-action";
import { messageOf } from "@/app/_lib/problem";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { assignInput } from "@/server/modules/assignment/assignment.schemas";
import {
  assignLabels,
  HandoverMethod,
  type AssignHandoverMethod,
} from "@/app/(portal)/_components/handover-method";
import { isoDay } from "@/server/lib/time";

type Stock = RouterOutputs["assignment"]["stock"];
const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
// Calendar days in UTC, as every date on the portal is shown (format.ts).
const todayUtc = () => isoDay(new Date());
/** Today means "now" (the server's clock); an earlier day is recorded at its noon UTC. */
const handoverAt = (day: string) => (!day || day >= todayUtc() ? undefined : new Date(`${day}T12:00:00Z`));

/** Assign a primary and/or a backup key from stock (the user's site by default), with the handover. */
export function AssignKeyButton({
  userId,
  userName,
  hasPrimary,
}: {
  userId: string;
  userName: string;
  hasPrimary: boolean;
}) {
  const { run, isBusy, error, setError } = useAction();
  const trpc = useTRPC();
  const assign = useMutation(trpc.assignment.assign.mutationOptions());
  const [open, setOpen] = useState(false);
  const [siteId, setSiteId] = useState<string | undefined>(undefined);
  const [primary, setPrimary] = useState("");
  const [backup, setBackup] = useState("");
  const [method, setMethod] = useState<AssignHandoverMethod>("in_person");
  const [carrierRef, setCarrierRef] = useState("");
  const [day, setDay] = useState(todayUtc);

  // Read when the dialog opens (never from an earlier opening: keys move), and again after a failed assignment.
  const stockQuery = useQuery({
    ...trpc.assignment.stock.queryOptions({ userId, siteId }),
    enabled: open,
    staleTime: 0,
  });
  const stock: Stock | null = stockQuery.data ?? null;
  const stockError = stockQuery.error ? messageOf(stockQuery.error) : null;

  const keyOf = (id: string) => stock?.keys.find((k) => k.id === id);
  async function submit() {
    const keys = [
      ...(primary ? [{ keyId: primary, version: keyOf(primary)?.version, kind: "primary" as const }] : []),
      ...(backup ? [{ keyId: backup, version: keyOf(backup)?.version, kind: "backup" as const }] : []),
    ];
    const input = {
      userId,
      keys,
      handover: { method, at: handoverAt(day) },
      shipping: method === "shipped" ? { carrierRef: carrierRef || null } : null,
    };
    const parsed = assignInput.safeParse(input);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    if (primary && primary === backup) return setError("Pick two different keys.");
    const isDone = await run(
      () => assign.mutateAsync(parsed.data),
      () => {
        setOpen(false);
        setPrimary("");
        setBackup("");
        setCarrierRef("");
        setDay(todayUtc());
      },
    );
    // The stock moved under us (someone took a key): offer what is left.
    if (!isDone) void stockQuery.refetch();
  }

  const options = (exclude: string) =>
    stock?.keys
      .filter((k) => k.id !== exclude)
      .map((k) => (
        <option key={k.id} value={k.id}>
          {k.serial} · {k.model}
        </option>
      ));
  return (
    <DialogButton
      label={
        <>
          <KeyRound aria-hidden className="size-4" /> Assign key
        </>
      }
      buttonClassName="flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      open={open}
      setOpen={setOpen}
      error={error ?? stockError}
      setError={setError}
      tone="neutral"
      title={`Assign keys to ${userName}`}
      confirmLabel="Assign key"
      isBusy={isBusy}
      onConfirm={submit}
    >
      <p>
        Keys come from stock; the user then registers them in Entra, and sync marks each key active. Nothing
        changes in Entra now.
      </p>
      <label className="mt-3 block font-medium text-slate-700">
        Stock at
        <select
          value={stock?.siteId ?? ""}
          onChange={(e) => {
            setSiteId(e.target.value);
            setPrimary("");
            setBackup("");
          }}
          className={field}
        >
          {!stock?.siteId ? <option value="">Choose a site…</option> : null}
          {stock?.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.code} · {s.name}
              {s.id === stock.userSiteId ? " (their office)" : ""}
            </option>
          ))}
        </select>
      </label>
      {stock && stock.siteId && !stock.keys.length ? (
        <p className="mt-2 text-amber-700">No keys in stock at this site.</p>
      ) : null}
      <label className="mt-3 block font-medium text-slate-700">
        Primary key
        <select
          value={primary}
          disabled={hasPrimary}
          onChange={(e) => setPrimary(e.target.value)}
          className={field}
        >
          <option value="">{hasPrimary ? "Already has a primary key" : "None"}</option>
          {options(backup)}
        </select>
      </label>
      <label className="mt-3 block font-medium text-slate-700">
        Backup key
        <select value={backup} onChange={(e) => setBackup(e.target.value)} className={field}>
          <option value="">None</option>
          {options(primary)}
        </select>
      </label>
      <HandoverMethod name="handover" value={method} onChange={setMethod} labels={assignLabels} />
      <label className="mt-3 block font-medium text-slate-700">
        {method === "in_person" ? "Handed over on" : "Assigned on"}
        <input
          type="date"
          value={day}
          max={todayUtc()}
          required
          onChange={(e) => setDay(e.target.value)}
          className={field}
        />
      </label>
      {method === "shipped" ? (
        <label className="mt-3 block font-medium text-slate-700">
          Carrier and tracking reference (if it has left)
          <input
            value={carrierRef}
            onChange={(e) => setCarrierRef(e.target.value)}
            maxLength={100}
            placeholder="e.g. DHL 00340434161234567890"
            className={field}
          />
          <span className="mt-1 block text-xs font-normal text-slate-500">
            Leave empty to record the shipment later from the user&apos;s page.
          </span>
        </label>
      ) : null}
      {method === "pickup" ? (
        <p className="mt-2 text-xs text-slate-500">
          The key waits at the desk. Mark it ready for pickup from the user&apos;s page when it is there: the
          user is then told by mail (when a sending mailbox is set).
        </p>
      ) : null}
    </DialogButton>
  );
}
