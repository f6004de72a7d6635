// What every adapter file builds its Graph calls from: one view's send, GET and paging, and the URL helpers.
import type { Counters, RequestSpec, Transport, WireResponse } from "./transport";

export const enc = encodeURIComponent;
export type Json = Record<string, unknown>;

export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** An OData string literal: quoted, a quote inside doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export const userPath = (id: string) => `/users/${enc(id)}`;

export interface GraphHttp {
  transport: Transport;
  /** The view's counters and budget (withBudget makes a new GraphHttp over the same transport). */
  counters: Counters;
  send(spec: RequestSpec): Promise<WireResponse>;
  get(operation: string, url: string, version?: "v1.0" | "beta"): Promise<Json>;
  /** A collection, page by page, through `@odata.nextLink`. */
  pages<T>(
    operation: string,
    firstUrl: string,
    mapItem: (raw: unknown) => T,
    version?: "v1.0" | "beta",
  ): AsyncIterable<T[]>;
}

export function makeHttp(transport: Transport, counters: Counters): GraphHttp {
  const send = (spec: RequestSpec) => transport.send(spec, counters);
  const get = async (operation: string, url: string, version: "v1.0" | "beta" = "v1.0"): Promise<Json> =>
    ((await send({ operation, method: "GET", url, version })).body as Json) ?? {};

  async function* pages<T>(
    operation: string,
    firstUrl: string,
    mapItem: (raw: unknown) => T,
    version: "v1.0" | "beta" = "v1.0",
  ): AsyncIterable<T[]> {
    let url: string | undefined = firstUrl;
    while (url) {
      const body = await get(operation, url, version);
      yield Array.isArray(body.value) ? body.value.map(mapItem) : [];
      // Followed verbatim: the link carries the opaque $skiptoken and the original query.
      url = typeof body["@odata.nextLink"] === "string" ? body["@odata.nextLink"] : undefined;
    }
  }

  return { transport, counters, send, get, pages };
}
