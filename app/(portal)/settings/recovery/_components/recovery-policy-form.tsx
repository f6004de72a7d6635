"use client";

import { useMutation } from "@tanstack/react-query";
import { useForm } from "@/app/_lib/use-form";
import { useTRPC } from "@/app/_lib/trpc";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/form-field";
import { Panel } from "@/app/_components/page-header";
import { methodLabel, methodPhrase } from "@/app/(portal)/_components/case-labels";
import { recoveryPolicySchema, type RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";

const strengthOptions = [1, 2, 3, 4, 5].map((n) => (
  <option key={n} value={n}>
    {n}
  </option>
));
const small = `${inputClass} max-w-28`;

type Frame = { name: string; label: string; errors: Record<string, string[]> };

function StrengthSelect({
  value,
  onChange,
  ...frame
}: Frame & { value: number; onChange: (n: number) => void }) {
  return (
    <Field {...frame}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(Number(e.target.value))} className={small}>
          {strengthOptions}
        </select>
      )}
    </Field>
  );
}

function NumberField({
  value,
  onChange,
  ...frame
}: Frame & { hint: string; value: number; onChange: (n: number) => void }) {
  return (
    <Field {...frame}>
      {(a) => (
        <input
          {...a}
          type="number"
          inputMode="numeric"
          value={Number.isNaN(value) ? "" : value}
          onChange={(e) => onChange(e.target.valueAsNumber)}
          className={small}
        />
      )}
    </Field>
  );
}

/** Which allowed methods are enough on their own at a level. */
const enough = (p: RecoveryPolicy, level: number) =>
  p.methods.filter((m) => m.isAllowed && m.strength >= level).map((m) => methodPhrase[m.method]);

export function RecoveryPolicyForm({ initial, canWrite }: { initial: RecoveryPolicy; canWrite: boolean }) {
  const trpc = useTRPC();
  const setRecoveryPolicy = useMutation(trpc.settings.setRecoveryPolicy.mutationOptions());
  const { f: p, set, update, errors, message, tone, busy, save } = useForm(initial);
  const setMethod = (i: number, patch: Partial<RecoveryPolicy["methods"][number]>) =>
    update((x) => ({ ...x, methods: x.methods.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
  const setTap = (patch: Partial<RecoveryPolicy["tap"]>) =>
    update((x) => ({ ...x, tap: { ...x.tap, ...patch } }));
  const tapField = (k: "defaultLifetimeInMinutes" | "forgottenLifetimeInMinutes" | "capPerAgentPerHour") => ({
    name: `tap.${k}`,
    errors,
    value: p.tap[k],
    onChange: (n: number) => setTap({ [k]: n }),
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void save(recoveryPolicySchema.safeParse(p), async (data) => {
      const saved = await setRecoveryPolicy.mutateAsync(data);
      update(() => saved);
      return "Saved. New cases and the next steps of open cases follow it.";
    });
  }

  const everyone = enough(p, p.requiredStrength);
  const privileged = enough(p, p.privilegedRequiredStrength);
  return (
    <form onSubmit={submit} className="space-y-6">
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
                      {strengthOptions}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4 grid grid-cols-2 gap-4">
            <StrengthSelect
              name="requiredStrength"
              label="Required for everyone"
              errors={errors}
              value={p.requiredStrength}
              onChange={(n) => set("requiredStrength", n)}
            />
            <StrengthSelect
              name="privilegedRequiredStrength"
              label="Required for privileged users"
              errors={errors}
              value={p.privilegedRequiredStrength}
              onChange={(n) => set("privilegedRequiredStrength", n)}
            />
          </div>
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
              {...tapField("defaultLifetimeInMinutes")}
            />
            <NumberField
              label="Forgotten key (minutes)"
              hint="A short pass for today."
              {...tapField("forgottenLifetimeInMinutes")}
            />
            <NumberField
              label="Passes per agent per hour"
              hint="Beyond this, a second agent approves."
              {...tapField("capPerAgentPerHour")}
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
          <SubmitButton busy={busy} label="Save policy" />
        ) : (
          <p className="text-sm text-slate-500">Only an administrator changes the policy.</p>
        )}
        <FormMessage message={message} tone={tone} />
      </div>
    </form>
  );
}
