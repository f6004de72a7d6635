import type { ReactNode } from "react";
import Link from "next/link";

// Form bits shared by the portal's forms: each field shows its own messages (from the shared zod
// schema in the browser, or the server's field errors) right under it, linked for screen readers.

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-500";

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  return messages?.length ? (
    <p id={id} className="mt-1 text-xs text-red-700">
      {messages.join(" ")}
    </p>
  ) : null;
}

/** A labelled field; `render` gets the aria props so the control points at its error. */
export function Field({
  name,
  label,
  hint,
  errors,
  className = "",
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  errors: Record<string, string[]>;
  className?: string;
  children: (aria: {
    "aria-invalid": boolean;
    "aria-describedby"?: string;
    id: string;
    name: string;
  }) => ReactNode;
}) {
  const messages = errors[name];
  const errId = `err-${name}`;
  return (
    <div className={className}>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        "aria-invalid": Boolean(messages?.length),
        "aria-describedby": messages?.length ? errId : undefined,
        id: `f-${name}`,
        name,
      })}
      {hint && !messages?.length ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={errId} messages={messages} />
    </div>
  );
}

/** Form-level message for the top of a form. */
export function FormMessage({
  message,
  tone = "error",
  id,
}: {
  message: string | null;
  tone?: "error" | "ok";
  id?: string;
}) {
  if (!message) return null;
  return (
    <p
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md px-3 py-2 text-sm ${tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
    >
      {message}
    </p>
  );
}

type FieldFrame = {
  name: string;
  label: string;
  hint?: ReactNode;
  errors: Record<string, string[]>;
  className?: string;
};

/** A labelled text input bound to one value (`type` "date" or "number" keeps it a string). */
export function TextField({
  value,
  onChange,
  type,
  inputMode,
  min,
  max,
  inputClassName = "",
  ...frame
}: FieldFrame & {
  value: string;
  onChange: (value: string) => void;
  type?: "date" | "number";
  inputMode?: "numeric" | "decimal" | "text";
  min?: number;
  max?: number;
  inputClassName?: string;
}) {
  return (
    <Field {...frame}>
      {(a) => (
        <input
          {...a}
          type={type}
          min={min}
          max={max}
          inputMode={inputMode}
          className={`${inputClass} ${inputClassName}`.trim()}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A labelled select over a closed list of values, each shown by its label. */
export function SelectField<V extends string>({
  value,
  onChange,
  options,
  labelOf,
  ...frame
}: FieldFrame & {
  value: V;
  onChange: (value: V) => void;
  options: readonly V[];
  labelOf: (value: V) => string;
}) {
  return (
    <Field {...frame}>
      {(a) => (
        <select {...a} className={inputClass} value={value} onChange={(e) => onChange(e.target.value as V)}>
          {options.map((v) => (
            <option key={v} value={v}>
              {labelOf(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({
  label,
  checked,
  onChange,
  className = "inline-flex items-center gap-2",
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}) {
  return (
    <label className={className}>
      <input
        type="checkbox"
        className="size-4"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />{" "}
      {label}
    </label>
  );
}

/** Cancel (back to `cancelHref`) and the submit button, at the foot of a form page. */
export function FormActions({
  cancelHref,
  busy,
  submitLabel,
}: {
  cancelHref: string;
  busy: boolean;
  submitLabel: string;
}) {
  return (
    <div className="flex justify-end gap-2">
      <Link
        href={cancelHref}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
      >
        Cancel
      </Link>
      <SubmitButton busy={busy} label={submitLabel} />
    </div>
  );
}

/** A form's submit button: "Saving…" and disabled while it saves. */
export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  return (
    <button
      type="submit"
      disabled={busy}
      className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {busy ? "Saving…" : label}
    </button>
  );
}
