"use client";

import { useState } from "react";
import { fieldErrorsOf } from "@/server/lib/field-errors";
import { problemOf } from "@/app/_lib/problem";

type Parsed<T> =
  { success: true; data: T } | { success: false; error: { issues: Parameters<typeof fieldErrorsOf>[0] } };

/**
 * A form's values, its field errors, its message and whether it is saving. `save` takes the browser's
 * own parse of the values (the server's zod schema) and sends only what parsed; the field errors of
 * either side land on their fields, and `mapErrors` can re-key them (an array item onto its field).
 */
export function useForm<F extends object>(initial: F) {
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof F>(k: K, v: F[K]) => setF((x) => ({ ...x, [k]: v }));

  async function save<T>(
    parsed: Parsed<T>,
    send: (data: T) => Promise<void>,
    mapErrors: (errors: Record<string, string[]>) => Record<string, string[]> = (e) => e,
  ) {
    if (!parsed.success) {
      setErrors(mapErrors(fieldErrorsOf(parsed.error.issues)));
      setMessage("Some fields need fixing.");
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await send(parsed.data);
    } catch (err) {
      const p = problemOf(err);
      setErrors(mapErrors(p.fieldErrors));
      setMessage(p.message);
      setBusy(false);
    }
  }

  return { f, set, errors, message, busy, save };
}
