import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/server/env";
import { logger } from "@/server/lib/logger";
import { crossSiteReason, needsCsrfCheck, ownHosts } from "./csrf";
import { apiCsp, headerPolicy, pageCsp, securityHeaders } from "./headers";

// What runs in front of every request (see proxy.ts at the root, which Next.js requires there):
// refuse cross-site writes to the API, give each page a fresh CSP nonce, set the security headers.

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function securityProxy(request: NextRequest): NextResponse {
  const env = getEnv();
  const policy = headerPolicy(env);
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");

  if (needsCsrfCheck(request.method, pathname)) {
    const reason = crossSiteReason(request.headers, ownHosts(request.headers, env.AUTH_URL));
    if (reason) {
      logger.warn("cross-site request refused", { method: request.method, path: pathname, reason });
      const refused = NextResponse.json(
        { error: { code: "FORBIDDEN", message: "Cross-site request refused." } },
        { status: 403 },
      );
      return withHeaders(refused, { ...securityHeaders(policy), "Content-Security-Policy": apiCsp });
    }
  }

  if (isApi)
    return withHeaders(NextResponse.next(), {
      ...securityHeaders(policy),
      "Content-Security-Policy": apiCsp,
    });

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const csp = pageCsp(nonce(), policy);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), {
    ...securityHeaders(policy),
    "Content-Security-Policy": csp,
  });
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}
