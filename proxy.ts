import type { NextRequest } from "next/server";
import { securityProxy } from "@/server/security/proxy";

// Next.js wants this file at the root; the work is in server/security/proxy.ts.
export function proxy(request: NextRequest) {
  return securityProxy(request);
}

export const config = {
  // Everything but build assets (immutable files that neither run as pages nor change state).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
