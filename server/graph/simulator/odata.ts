// OData conventions of Graph as the simulator speaks them: error envelope, paging, $select, $filter.
import { randomUUID } from "node:crypto";

export interface SimRequest {
  method: string;
  version: "v1.0" | "beta";
  /** After the version, decoded segments kept encoded: `/users/{id}/authentication/fido2Methods` */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  /** `https://127.0.0.1:port` */
  origin: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Json = Record<string, unknown>;

export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): SimResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { "request-id": requestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          "request-id": requestId,
          "client-request-id": requestId,
        },
      },
    },
  };
}

export const notFound = (id: string) =>
  graphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const encodeToken = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
export function decodeToken<T>(token: string): T | undefined {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

export function contextUrl(req: SimRequest, what: string): string {
  return `${req.origin}/${req.version}/$metadata#${what}`;
}

/** Validates $top; Graph's wording for users is kept. */
export function parseTop(req: SimRequest, def: number, max: number): number | SimResponse {
  const raw = req.query.get("$top");
  if (raw === null) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    return graphError(
      400,
      "Request_UnsupportedQuery",
      `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`,
    );
  }
  return n;
}

/** nextLink = the original query plus an opaque $skiptoken, as a full URL. */
export function nextLink(req: SimRequest, state: unknown): string {
  const parts: string[] = [];
  for (const [k, v] of req.query) if (k !== "$skiptoken") parts.push(`${k}=${encodeURIComponent(v)}`);
  parts.push(`$skiptoken=${encodeToken(state)}`);
  return `${req.origin}/${req.version}${req.path}?${parts.join("&")}`;
}

export function skipOffset(req: SimRequest): number | SimResponse {
  const token = req.query.get("$skiptoken");
  if (token === null) return 0;
  const state = decodeToken<{ o?: number }>(token);
  if (!state || typeof state.o !== "number")
    return graphError(
      400,
      "Request_UnsupportedQuery",
      "The specified page token value has expired or is invalid.",
    );
  return state.o;
}

/** Slice a list into a Graph page. */
export function page<T>(
  req: SimRequest,
  items: readonly T[],
  toJson: (item: T) => Json,
  def: number,
  max: number,
  odataContext: string,
): SimResponse {
  const top = parseTop(req, def, max);
  if (typeof top !== "number") return top;
  const offset = skipOffset(req);
  if (typeof offset !== "number") return offset;
  const slice = items.slice(offset, offset + top).map((i) => select(req, toJson(i)));
  const body: Json = { "@odata.context": contextUrl(req, odataContext), value: slice };
  if (offset + top < items.length) body["@odata.nextLink"] = nextLink(req, { o: offset + top });
  return { status: 200, body };
}

/** A 200 with one object, its @odata.context naming what it is (e.g. "users/$entity"). */
export function entity(req: SimRequest, what: string, json: Json): SimResponse {
  return { status: 200, body: { "@odata.context": contextUrl(req, what), ...json } };
}

/** A log listed newest first, as Graph lists sign-ins and audits: $filter on `fields`, then paged. */
export function pageNewestFirst<T>(
  req: SimRequest,
  log: readonly T[],
  toJson: (item: T) => Json,
  fields: readonly string[],
  odataContext: string,
): SimResponse {
  const filter = parseFilter(req.query.get("$filter"), fields);
  if (typeof filter !== "function") return filter;
  const items: Json[] = [];
  for (let i = log.length - 1; i >= 0; i--) {
    const json = toJson(log[i]!);
    if (filter(json)) items.push(json);
  }
  return page(req, items, (j) => j, 1000, 1000, odataContext);
}

export function select(req: SimRequest, item: Json): Json {
  const raw = req.query.get("$select");
  if (!raw) return item;
  const fields = new Set(raw.split(",").map((f) => f.trim()));
  fields.add("id");
  const out: Json = {};
  for (const [k, v] of Object.entries(item))
    if (fields.has(k) || k.startsWith("@odata") || k === "manager") out[k] = v;
  return out;
}

type Predicate = (item: Json) => boolean;

function literal(raw: string): unknown {
  const s = raw.trim();
  if (s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s === "true" || s === "false") return s === "true";
  if (s === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s; // DateTimeOffset literal
  throw new Error(`literal ${s}`);
}

function compare(a: unknown, op: string, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string" && /^\d{4}-\d{2}-\d{2}/.test(b)) {
    const x = Date.parse(a);
    const y = Date.parse(b);
    return op === "ge"
      ? x >= y
      : op === "le"
        ? x <= y
        : op === "gt"
          ? x > y
          : op === "lt"
            ? x < y
            : op === "eq"
              ? x === y
              : x !== y;
  }
  if (typeof a === "string" && typeof b === "string" && (op === "eq" || op === "ne"))
    return (a.toLowerCase() === b.toLowerCase()) === (op === "eq");
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "ge":
      return (a as number) >= (b as number);
    case "le":
      return (a as number) <= (b as number);
    case "gt":
      return (a as number) > (b as number);
    case "lt":
      return (a as number) < (b as number);
  }
  return false;
}

/**
 * The clauses of a filter joined by `and`, never splitting inside a string literal: in
 * `startswith(displayName,'Research and Development')` the `and` is part of the name. A quote inside a
 * literal is doubled (`'O''Brien'`), which leaves the literal and enters it again: the split is still right.
 */
export function splitAnd(filter: string): string[] {
  const clauses: string[] = [];
  const and = /\s+and\s+/iy;
  let inLiteral = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    if (filter[i] === "'") inLiteral = !inLiteral;
    else if (!inLiteral && i > start) {
      and.lastIndex = i;
      if (and.test(filter)) {
        clauses.push(filter.slice(start, i));
        start = and.lastIndex;
        i = start - 1;
      }
    }
  }
  clauses.push(filter.slice(start));
  return clauses;
}

/** The $filter subset Graph documents for the routes simulated: eq/ne/ge/le/gt/lt, startswith, any(), and. */
export function parseFilter(filter: string | null, allowed: readonly string[]): Predicate | SimResponse {
  if (!filter) return () => true;
  const clauses = splitAnd(filter);
  const preds: Predicate[] = [];
  const unsupported = () =>
    graphError(
      400,
      "Request_UnsupportedQuery",
      `Unsupported or invalid query filter clause specified: '${filter}'.`,
    );
  for (const clause of clauses) {
    const c = clause.trim().replace(/^\((.*)\)$/, "$1");
    let m: RegExpMatchArray | null;
    try {
      if ((m = c.match(/^startswith\((\w+)\s*,\s*('.*')\)$/i))) {
        const [, field, value] = m as unknown as [string, string, string];
        if (!allowed.includes(field)) return unsupported();
        const v = String(literal(value)).toLowerCase();
        preds.push((i) => typeof i[field] === "string" && (i[field] as string).toLowerCase().startsWith(v));
      } else if ((m = c.match(/^(\w+)\/any\((\w+)\s*:\s*\2\s+eq\s+('.*')\)$/i))) {
        const [, field, , value] = m as unknown as [string, string, string, string];
        if (!allowed.includes(field)) return unsupported();
        const v = literal(value);
        preds.push((i) => Array.isArray(i[field]) && (i[field] as unknown[]).includes(v));
      } else if ((m = c.match(/^(\w+)\s+(eq|ne|ge|le|gt|lt)\s+(.+)$/i))) {
        const [, field, op, value] = m as unknown as [string, string, string, string];
        if (!allowed.includes(field)) return unsupported();
        const v = literal(value);
        preds.push((i) => compare(i[field], op.toLowerCase(), v));
      } else return unsupported();
    } catch {
      return unsupported();
    }
  }
  return (item) => preds.every((p) => p(item));
}
