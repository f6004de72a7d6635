// The HTTP security headers of every response. Pure: server/security/proxy.ts applies them per request.

export interface HeaderPolicy {
  /** A production deployment (staff sign in with the identity provider, NODE_ENV=production): HSTS on. */
  isProduction: boolean;
  /** `next dev`: React needs eval for its debugging aids and the dev server a websocket. */
  isDevelopment: boolean;
  /** The portal's public URL is https: ask the browser to upgrade any stray http subresource. */
  isHttps: boolean;
  /** Origins a sign-in form may post to besides our own (the identity provider). */
  formActionOrigins: readonly string[];
}

/**
 * The page CSP: scripts only with this response's nonce (Next.js puts it on its own scripts when it
 * finds it in the request's CSP) and whatever they load ('strict-dynamic'); no 'unsafe-inline' for
 * scripts. Styles keep 'unsafe-inline': React renders `style` attributes, and a nonce would not cover
 * those; injected CSS cannot run code.
 */
export function pageCsp(nonce: string, p: HeaderPolicy): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${p.isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${p.isDevelopment ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${p.formActionOrigins.map((o) => ` ${o}`).join("")}`,
    "frame-ancestors 'none'",
    ...(p.isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** API responses are data, never documents: nothing may load from them or frame them. */
export const apiCsp = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(p: HeaderPolicy): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // frame-ancestors for current browsers, X-Frame-Options for the rest.
    "X-Frame-Options": "DENY",
    // Links out of the portal carry no path (user ids, case ids live in our URLs).
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    // Only in production: over http://localhost (demo) a pinned https would lock the browser out.
    ...(p.isProduction ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** Staff sign in with the identity provider and the build runs as production: a real deployment. */
export const isProductionDeployment = (env: { NODE_ENV: string; isDemo: boolean }) =>
  env.NODE_ENV === "production" && !env.isDemo;

export function headerPolicy(env: {
  NODE_ENV: string;
  isDemo: boolean;
  AUTH_URL?: string;
  AUTH_OIDC_ISSUER?: string;
}): HeaderPolicy {
  return {
    isProduction: isProductionDeployment(env),
    isDevelopment: env.NODE_ENV === "development",
    isHttps: Boolean(env.AUTH_URL?.startsWith("https:")),
    formActionOrigins: env.AUTH_OIDC_ISSUER ? [new URL(env.AUTH_OIDC_ISSUER).origin] : [],
  };
}
