import http from "node:http";

// The address of the TCP peer, for rate limits when no reverse proxy is trusted. Next.js gives route
// handlers, server actions and the proxy only the request's headers, and fills X-Forwarded-For from the
// socket only when the client sent none — so a client could name any address. This stamps every
// request the portal's HTTP server receives with the socket's address, in a header of its own that
// replaces whatever the client sent under that name. See docs/SECURITY.md, "Client addresses".

export const PEER_HEADER = "x-keyfleet-peer";
const INSTALLED = Symbol.for("keyfleet.peerAddressStamp");
type Flag = { [INSTALLED]?: boolean };

/** Once per process, before requests are served (instrumentation.ts). Affects plain-HTTP servers only. */
export function installPeerAddressStamp(): void {
  const g = globalThis as Flag;
  if (g[INSTALLED]) return;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "unknown";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  g[INSTALLED] = true;
}

/** Whether PEER_HEADER on a request was set by this process (and so can be believed). */
export const isPeerAddressStamped = (): boolean => Boolean((globalThis as Flag)[INSTALLED]);
