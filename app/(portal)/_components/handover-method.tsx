"use client";

export type HandoverMethodName = "in_person" | "shipped";

/** How a key reaches its holder: handed over in person (the agent confirms) or shipped. */
export function HandoverMethod({
  name,
  value,
  onChange,
}: {
  name: string;
  value: HandoverMethodName;
  onChange: (m: HandoverMethodName) => void;
}) {
  return (
    <fieldset className="mt-3">
      <legend className="font-medium text-slate-700">Handover</legend>
      <div className="mt-1 flex gap-4">
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            name={name}
            checked={value === "in_person"}
            onChange={() => onChange("in_person")}
          />{" "}
          In person (you confirm)
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            name={name}
            checked={value === "shipped"}
            onChange={() => onChange("shipped")}
          />{" "}
          Shipped
        </label>
      </div>
    </fieldset>
  );
}
