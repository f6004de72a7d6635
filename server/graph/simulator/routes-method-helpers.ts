// What the authentication-method routes share: the user of the path, the destructive-call record, Graph's
// 404 for a method.
import { type DestructiveCall, type SimContext } from "./context";
import type { SimUser } from "./model";
import { graphError, notFound, type SimRequest, type SimResponse } from "./odata";
import { findUser } from "./routes-directory";

export function record(
  ctx: SimContext,
  kind: DestructiveCall["kind"],
  req: SimRequest,
  user: string,
  res: SimResponse,
  methodId?: string,
): SimResponse {
  ctx.destructive.push({
    at: new Date().toISOString(),
    kind,
    method: req.method,
    path: req.path,
    userId: decodeURIComponent(user),
    methodId,
    status: res.status,
  });
  return res;
}

export function withUser(
  ctx: SimContext,
  id: string | undefined,
  fn: (u: SimUser) => SimResponse,
): SimResponse {
  const u = findUser(ctx.tenant, id ?? "");
  return u ? fn(u) : notFound(decodeURIComponent(id ?? ""));
}

export const methodNotFound = (id: string) =>
  graphError(404, "itemNotFound", `The requested authentication method '${id}' was not found.`);
