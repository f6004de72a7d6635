"use client";

export type HandoverMethodName = "in_person" | "shipped";

const defaultLabels: Record<HandoverMethodName, string> = {
  in_person: "In person (you confirm)",
  shipped: "Shipped",
};

/** How a key reaches its holder: handed over in person (the agent confirms) or shipped. */
export function HandoverMethod({
  name,
  value,
  onChange,
  labels = defaultLabels,
  className = "mt-3",
}: {
  name: string;
  value: HandoverMethodName;
  onChange: (m: HandoverMethodName) => void;
  /** What each choice is called where it is asked (the enrollment desk: "Handed over now", …). */
  labels?: Record<HandoverMethodName, string>;
  className?: string;
}) {
  return (
    <fieldset className={className}>
      <legend className="font-medium text-slate-700">Handover</legend>
      <div className="mt-1 flex gap-4">
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            name={name}
            checked={value === "in_person"}
            onChange={() => onChange("in_person")}
          />{" "}
          {labels.in_person}
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            name={name}
            checked={value === "shipped"}
            onChange={() => onChange("shipped")}
          />{" "}
          {labels.shipped}
        </label>
      </div>
    </fieldset>
  );
}
