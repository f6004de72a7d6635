// Cross-site request forgery on our own API. The session cookie is SameSite=Lax, which already keeps
// it off cross-site POSTs in current browsers; this is the second line, and the one that also covers
// same-site attackers (another app on a sibling subdomain) that Lax lets through. next-auth's routes
// have their own CSRF token and Next.js checks the Origin of server actions, so this guards the rest:
// every state-changing request to /api/* other than /api/auth/*.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function needsCsrfCheck(method: string, pathname: string): boolean {
  return (
    !SAFE_METHODS.has(method.toUpperCase()) &&
    pathname.startsWith("/api/") &&
    !pathname.startsWith("/api/auth/")
  );
}

/**
 * Why a state-changing request looks cross-site, or null when it is ours. Browsers say where a request
 * comes from (Sec-Fetch-Site, else Origin); a request with neither is not from a browser, carries no
 * ambient cookie, and so cannot be forged by a web page.
 */
export function crossSiteReason(headers: Headers, ownHosts: readonly string[]): string | null {
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none" ? null : `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (!origin) return null;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return `Origin ${origin} is not a URL`;
  }
  return ownHosts.includes(host) ? null : `Origin ${origin} is not this portal`;
}

/** The host names this portal answers on for this request: its Host (as forwarded) and its public URL. */
export function ownHosts(headers: Headers, publicUrl: string | undefined): string[] {
  const hosts = [headers.get("x-forwarded-host"), headers.get("host")].filter((h): h is string => Boolean(h));
  if (publicUrl) hosts.push(new URL(publicUrl).host);
  return hosts;
}
