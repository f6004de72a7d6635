"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { problemOf } from "@/app/_lib/problem";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { FormMessage, inputClass } from "@/app/_components/form-field";
import { Panel } from "@/app/_components/page-header";
import { methodLabel, methodPhrase } from "@/app/(portal)/_components/case-labels";
import { recoveryPolicySchema, type RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";

const strengths = [1, 2, 3, 4, 5] as const;
const small = `${inputClass} max-w-28`;

function StrengthSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
}) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} className={small}>
        {strengths.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function NumberField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  value: number;
  onChange: (n: number) => void;
}) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <input
        type="number"
        inputMode="numeric"
        value={Number.isNaN(value) ? "" : value}
        onChange={(e) => onChange(e.target.valueAsNumber)}
        className={small}
      />
      <span className="mt-1 block text-xs font-normal text-slate-500">{hint}</span>
    </label>
  );
}

/** Which allowed methods are enough on their own at a level. */
const enough = (p: RecoveryPolicy, level: number) =>
  p.methods.filter((m) => m.isAllowed && m.strength >= level).map((m) => methodPhrase[m.method]);

export function RecoveryPolicyForm({ initial, canWrite }: { initial: RecoveryPolicy; canWrite: boolean }) {
  const [p, setP] = useState(initial);
  const trpc = useTRPC();
  const setRecoveryPolicy = useMutation(trpc.settings.setRecoveryPolicy.mutationOptions());
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const setMethod = (i: number, patch: Partial<RecoveryPolicy["methods"][number]>) =>
    setP((x) => ({ ...x, methods: x.methods.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
  const setTap = (patch: Partial<RecoveryPolicy["tap"]>) =>
    setP((x) => ({ ...x, tap: { ...x.tap, ...patch } }));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = recoveryPolicySchema.safeParse(p);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error.issues));
      return setMessage({ tone: "error", text: parsed.error.issues.map((i) => i.message).join(" ") });
    }
    setBusy(true);
    try {
      setP(await setRecoveryPolicy.mutateAsync(parsed.data));
      setErrors({});
      setMessage({ tone: "ok", text: "Saved. New cases and the next steps of open cases follow it." });
    } catch (err) {
      const problem = problemOf(err);
      setErrors(problem.fieldErrors);
      setMessage({ tone: "error", text: problem.message });
    } finally {
      setBusy(false);
    }
  }

  const everyone = enough(p, p.requiredStrength);
  const privileged = enough(p, p.privilegedRequiredStrength);
  return (
    <form onSubmit={save} className="space-y-6">
      <fieldset disabled={!canWrite} className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Panel
          className="self-start"
          title="Identity verification"
          description="Allowed methods and how strong each one is (1 weakest – 5 strongest)."
        >
          <table className="w-full text-left text-sm" data-testid="policy-methods">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="pb-2 font-medium">Method</th>
                <th className="pb-2 font-medium">Allowed</th>
                <th className="pb-2 font-medium">Strength</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.methods.map((m, i) => (
                <tr key={m.method}>
                  <td className="py-2 pr-3">{methodLabel[m.method]}</td>
                  <td className="py-2 pr-3">
                    <input
                      type="checkbox"
                      aria-label={`Allow ${methodLabel[m.method].toLowerCase()}`}
                      checked={m.isAllowed}
                      onChange={(e) => setMethod(i, { isAllowed: e.target.checked })}
                    />
                  </td>
                  <td className="py-2">
                    <select
                      aria-label={`Strength of ${methodLabel[m.method].toLowerCase()}`}
                      value={m.strength}
                      onChange={(e) => setMethod(i, { strength: Number(e.target.value) })}
                      className={small}
                    >
                      {strengths.map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4 grid grid-cols-2 gap-4">
            <StrengthSelect
              label="Required for everyone"
              value={p.requiredStrength}
              onChange={(n) => setP((x) => ({ ...x, requiredStrength: n }))}
            />
            <StrengthSelect
              label="Required for privileged users"
              value={p.privilegedRequiredStrength}
              onChange={(n) => setP((x) => ({ ...x, privilegedRequiredStrength: n }))}
            />
          </div>
          {errors.privilegedRequiredStrength ? (
            <p className="mt-1 text-xs text-red-700">{errors.privilegedRequiredStrength.join(" ")}</p>
          ) : null}
          <div
            className="mt-4 rounded-md bg-slate-50 p-3 text-xs text-slate-700"
            data-testid="policy-summary"
          >
            <p>
              Everyone:{" "}
              {everyone.length ? (
                everyone.join(", or ")
              ) : (
                <strong className="text-red-700">no allowed method is strong enough</strong>
              )}
              .
            </p>
            <p className="mt-1">
              Privileged users:{" "}
              {privileged.length ? (
                privileged.join(", or ")
              ) : (
                <strong className="text-red-700">no allowed method is strong enough</strong>
              )}{" "}
              — and always a second agent&apos;s approval before any revocation or pass.
            </p>
          </div>
        </Panel>
        <Panel
          className="self-start"
          title="Temporary Access Passes"
          description="Lifetimes are kept within the tenant's own TAP policy when a pass is issued."
        >
          <div className="grid grid-cols-2 gap-4">
            <NumberField
              label="Default lifetime (minutes)"
              hint="Lost, stolen and damaged keys."
              value={p.tap.defaultLifetimeInMinutes}
              onChange={(n) => setTap({ defaultLifetimeInMinutes: n })}
            />
            <NumberField
              label="Forgotten key (minutes)"
              hint="A short pass for today."
              value={p.tap.forgottenLifetimeInMinutes}
              onChange={(n) => setTap({ forgottenLifetimeInMinutes: n })}
            />
            <NumberField
              label="Passes per agent per hour"
              hint="Beyond this, a second agent approves."
              value={p.tap.capPerAgentPerHour}
              onChange={(n) => setTap({ capPerAgentPerHour: n })}
            />
            <label className="flex items-center gap-2 self-start pt-6 text-sm font-medium text-slate-700">
              <input
                type="checkbox"
                checked={p.tap.isUsableOnceByDefault}
                onChange={(e) => setTap({ isUsableOnceByDefault: e.target.checked })}
              />{" "}
              One-time by default
            </label>
          </div>
        </Panel>
      </fieldset>
      <div className="flex items-center gap-3">
        {canWrite ? (
          <button
            type="submit"
            disabled={isBusy}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {isBusy ? "Saving…" : "Save policy"}
          </button>
        ) : (
          <p className="text-sm text-slate-500">Only an administrator changes the policy.</p>
        )}
        <FormMessage message={message?.text ?? null} tone={message?.tone} />
      </div>
    </form>
  );
}
