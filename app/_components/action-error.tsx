/** The server's (or the form's) message after a failed action, announced to screen readers. Nothing when there is none. */
export function ActionError({
  error,
  className = "text-red-700",
}: {
  error: string | null;
  className?: string;
}) {
  return error ? (
    <p role="alert" className={className}>
      {error}
    </p>
  ) : null;
}
