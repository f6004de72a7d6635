"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { inputClass } from "@/app/_components/form-field";
import { DialogButton } from "@/app/_components/dialog-button";
import { panelButton } from "@/app/_components/styles";
import { HandoverMethod, type HandoverMethodName } from "@/app/(portal)/_components/handover-method";
import { assignInput } from "@/server/modules/assignment/assignment.schemas";
import { messageOf, useCase } from "./case-api";

/**
 * The reserved replacement goes to the user (reserved → assigned): only a key the user holds can be
 * linked to the credential they register with it, which is what closes the case.
 */
export function Handover() {
  const { view, can, reload } = useCase();
  const trpc = useTRPC();
  const assign = useMutation(trpc.assignment.assign.mutationOptions());
  const key = view.replacementKey;
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<"primary" | "backup">(view.otherWorkingKeys.length ? "backup" : "primary");
  const [method, setMethod] = useState<HandoverMethodName>("in_person");
  const [carrierRef, setCarrierRef] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  if (!key || key.status !== "reserved" || !view.isOpen || !can.assign) return null;

  async function confirm() {
    const parsed = assignInput.safeParse({
      userId: view.user.id,
      keys: [{ keyId: key!.id, version: key!.version, kind }],
      handover: { method },
      shipping: method === "shipped" ? { carrierRef: carrierRef || null } : null,
    });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    setBusy(true);
    setError(null);
    try {
      await assign.mutateAsync(parsed.data);
      setOpen(false);
      await reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogButton
      label="Hand over…"
      buttonClassName={`mt-2 ${panelButton}`}
      open={open}
      setOpen={setOpen}
      error={error}
      setError={setError}
      tone="neutral"
      title={`Hand ${key.serial} to ${view.user.displayName}?`}
      confirmLabel="Hand over key"
      isBusy={isBusy}
      onConfirm={confirm}
    >
      <p>
        The key is assigned to them and waits for registration. Nothing changes in Entra: once they register
        it (with the Temporary Access Pass), sync links it to this key and closes the case.
      </p>
      <label className="mt-3 block font-medium text-slate-700">
        As their
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className={inputClass}>
          <option value="primary">Primary key</option>
          <option value="backup">Backup key</option>
        </select>
      </label>
      <HandoverMethod name="case-handover" value={method} onChange={setMethod} />
      {method === "shipped" ? (
        <label className="mt-3 block font-medium text-slate-700">
          Carrier reference (optional)
          <input value={carrierRef} onChange={(e) => setCarrierRef(e.target.value)} className={inputClass} />
        </label>
      ) : null}
    </DialogButton>
  );
}
