"use client";

export type HandoverMethodName = "in_person" | "shipped";
/** An assignment may also wait at the user's site desk for pickup. */
export type AssignHandoverMethod = HandoverMethodName | "pickup";
type Labels = Record<HandoverMethodName, string> & { pickup?: string };

const defaultLabels: Labels = {
  in_person: "In person (you confirm)",
  shipped: "Shipped",
};
/** Assigning from a user's page: the key can also wait at the site desk. */
export const assignLabels: Labels = { ...defaultLabels, pickup: "Pickup at the site desk" };

/** How a key reaches its holder: in person (the agent confirms), shipped, or (when labelled) picked up at the desk. */
export function HandoverMethod<M extends AssignHandoverMethod = HandoverMethodName>({
  name,
  value,
  onChange,
  labels = defaultLabels,
  className = "mt-3",
}: {
  name: string;
  value: M;
  onChange: (m: M) => void;
  /**
   * What each choice is called where it is asked (the enrollment desk: "Handed over now", …), in the order
   * they are offered; pickup only when labelled.
   */
  labels?: Labels;
  className?: string;
}) {
  const choices = (Object.keys(labels) as AssignHandoverMethod[]).filter((m) => labels[m]);
  return (
    <fieldset className={className}>
      <legend className="font-medium text-slate-700">Handover</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {choices.map((m) => (
          <label key={m} className="flex items-center gap-1.5">
            <input type="radio" name={name} checked={value === m} onChange={() => onChange(m as M)} />{" "}
            {labels[m]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
