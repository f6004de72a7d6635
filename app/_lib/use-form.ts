"use client";

import { useState } from "react";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { problemOf } from "@/app/_lib/problem";

type Parsed<T> =
  { success: true; data: T } | { success: false; error: { issues: Parameters<typeof fieldErrorsOf>[0] } };

type Note = { text: string; tone: "error" | "ok" };
type BooleanKey<F> = { [K in keyof F]: F[K] extends boolean ? K : never }[keyof F];

/**
 * A form's values, its field errors, its message and whether it is saving. `save` takes the browser's
 * own parse of the values (the server's zod schema) and sends only what parsed; the field errors of
 * either side land on their fields, and `mapErrors` can re-key them (an array item onto its field).
 * A `send` that navigates away resolves to nothing (the form stays busy until it goes); one that keeps
 * the form on the page resolves to what to say, and the form is free again. With `clearOnEdit`, an edit
 * makes the last check's messages stale: they go until the next submit.
 */
export function useForm<F extends object>(initial: F, { clearOnEdit = false } = {}) {
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const edited = () => {
    if (!clearOnEdit) return;
    setErrors({});
    setNote(null);
  };
  const set = <K extends keyof F>(k: K, v: F[K]) => {
    edited();
    setF((x) => ({ ...x, [k]: v }));
  };
  /** Replace the values from the last ones (for nested values: a row of a list, a group). */
  const update = (change: (x: F) => F) => {
    edited();
    setF(change);
  };
  /** The props a field component takes for the value `k`; `name` is the schema path its errors carry. */
  const field = <K extends keyof F & string>(k: K, name: string = k) => ({
    name,
    errors,
    value: f[k],
    onChange: (v: F[K]) => set(k, v),
  });

  /** The props a checkbox takes for the yes/no value `k`. */
  const check = <K extends BooleanKey<F>>(k: K) => ({
    checked: f[k] as boolean,
    onChange: (v: boolean) => set(k, v as F[K]),
  });

  async function save<T>(
    parsed: Parsed<T>,
    send: (data: T) => Promise<string | void>,
    mapErrors: (errors: Record<string, string[]>) => Record<string, string[]> = (e) => e,
  ) {
    if (!parsed.success) {
      setErrors(mapErrors(fieldErrorsOf(parsed.error.issues)));
      setNote({ text: "Some fields need fixing.", tone: "error" });
      return;
    }
    setBusy(true);
    setNote(null);
    try {
      const said = await send(parsed.data);
      if (typeof said === "string") {
        setErrors({});
        setNote({ text: said, tone: "ok" });
        setBusy(false);
      }
    } catch (err) {
      const p = problemOf(err);
      setErrors(mapErrors(p.fieldErrors));
      setNote({ text: p.message, tone: "error" });
      setBusy(false);
    }
  }

  return {
    f,
    set,
    update,
    field,
    check,
    errors,
    message: note?.text ?? null,
    tone: note?.tone ?? "error",
    busy,
    save,
  };
}
