// The one GraphPort implementation on the Microsoft Graph SDK. Pointed at graph.microsoft.com or at any
// Graph-compatible server over https; configuration comes from the caller (server/env.ts reads env).
// The calls live by area in adapter-directory.ts and adapter-methods.ts over adapter-http.ts; a new area
// gets its own adapter-*.ts, spread into makePort below.
import { authenticationMethodCalls } from "./adapter-methods";
import { directoryCalls } from "./adapter-directory";
import { makeHttp } from "./adapter-http";
import { createTokenSource, type GraphConfig } from "./auth";
import type { GraphPort } from "./port";
import { Counters, Transport, type TransportOptions } from "./transport";
import { makeLeversPort } from "./adapter-levers";

export type { GraphConfig } from "./auth";
export type { GraphLogger } from "./transport";
export type GraphAdapterOptions = TransportOptions & {
  /** Where users' FIDO2 methods are read: beta adds lastUsedDateTime (env GRAPH_FIDO2_BETA). */
  fido2Version?: "v1.0" | "beta";
};

export function createGraphAdapter(config: GraphConfig, options: GraphAdapterOptions = {}): GraphPort {
  const transport = new Transport(config.baseUrl, createTokenSource(config), options);
  return makePort(transport, new Counters(options.budget ?? null), options.fido2Version ?? "v1.0");
}

function makePort(transport: Transport, counters: Counters, fido2Version: "v1.0" | "beta"): GraphPort {
  const http = makeHttp(transport, counters);
  return {
    ...directoryCalls(http),
    ...authenticationMethodCalls(http, fido2Version),
    ...makeLeversPort(http.send, http.pages),
    counters: () => counters.snapshot(),
    withBudget: (maxRequests, view) => makePort(transport, new Counters(maxRequests, view), fido2Version),
  };
}
