"use client";

/** The condition a returned key comes back in (also asked when a leaver's key is taken back). */
export function ConditionField({
  condition,
  onCondition,
  inputClassName,
}: {
  condition: string;
  onCondition: (value: string) => void;
  inputClassName: string;
}) {
  return (
    <label className="mt-3 block font-medium text-slate-700">
      Condition
      <select value={condition} onChange={(e) => onCondition(e.target.value)} className={inputClassName}>
        <option value="good">Good</option>
        <option value="worn">Worn</option>
        <option value="damaged">Damaged</option>
      </select>
    </label>
  );
}

/** The condition and optional reason asked when a key comes back (check in from a user's or a key's page). */
export function ReturnFields({
  condition,
  onCondition,
  reason,
  onReason,
  inputClassName,
}: {
  condition: string;
  onCondition: (value: string) => void;
  reason: string;
  onReason: (value: string) => void;
  inputClassName: string;
}) {
  return (
    <>
      <ConditionField condition={condition} onCondition={onCondition} inputClassName={inputClassName} />
      <label className="mt-3 block font-medium text-slate-700">
        Reason (optional)
        <input value={reason} onChange={(e) => onReason(e.target.value)} className={inputClassName} />
      </label>
    </>
  );
}
