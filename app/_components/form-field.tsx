import type { ReactNode } from "react";

// Form bits shared by the procurement forms: each field shows its own messages (from the shared zod
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
export function FormMessage({ message, tone = "error" }: { message: string | null; tone?: "error" | "ok" }) {
  if (!message) return null;
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md px-3 py-2 text-sm ${tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
    >
      {message}
    </p>
  );
}
