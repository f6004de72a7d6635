import type { Metadata } from "next";
import "./globals.css";

// Every page renders per request: the CSP nonce (server/security/proxy.ts) is new on each response,
// and a page prerendered at build time would carry scripts without it, which the browser refuses.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "KeyFleet", template: "%s · KeyFleet" },
  description: "FIDO2 security keys for Microsoft Entra ID: inventory, assignment, recovery and rollout.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
