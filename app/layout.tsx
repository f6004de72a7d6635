import type { Metadata } from "next";
import "./globals.css";
import "@/app/_lib/time-preference.server";
import { getEnv } from "@/server/env";
import { runModes } from "@/server/lib/run-modes";

// Every page renders per request: the CSP nonce (server/security/proxy.ts) is new on each response,
// and a page prerendered at build time would carry scripts without it, which the browser refuses.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "KeyFleet", template: "%s · KeyFleet" },
  description: "FIDO2 security keys for Microsoft Entra ID: inventory, assignment, recovery and rollout.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  const { banner } = runModes(getEnv());
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {banner ? (
          // On every page, the sign-in page included: see docs/SECURITY.md, "Demo sign-in and a real tenant".
          <div
            role="alert"
            data-testid="demo-real-tenant-banner"
            className="bg-red-700 px-4 py-2 text-center text-sm font-medium text-white"
          >
            {banner}
          </div>
        ) : null}
        {children}
      </body>
    </html>
  );
}
