"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: 40 }}>
        <h1>KeyFleet could not load</h1>
        <p>
          Request id: <code>{error.digest ?? "unavailable"}</code>
        </p>
      </body>
    </html>
  );
}
