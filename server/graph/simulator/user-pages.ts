// One Graph page over the tenant's live users, as /users and userRegistrationDetails list them.
import type { SimUser, TenantState } from "./model";
import {
  contextUrl,
  nextLink,
  parseFilter,
  parseTop,
  skipOffset,
  type Json,
  type SimRequest,
  type SimResponse,
} from "./odata";

/**
 * Walks the users from the $skiptoken's index, skips deleted ones, keeps those `toJson` makes match
 * $filter (on `fields`) until $top (`def`, at most `max`), and links the next page by the index reached.
 * `out` shapes what is listed (e.g. applies $select); by default the JSON as filtered.
 */
export function pageLiveUsers(
  t: TenantState,
  req: SimRequest,
  o: {
    def: number;
    max: number;
    fields: readonly string[];
    odataContext: string;
    toJson: (u: SimUser) => Json;
    out?: (json: Json) => Json;
  },
): SimResponse {
  const top = parseTop(req, o.def, o.max);
  if (typeof top !== "number") return top;
  const filter = parseFilter(req.query.get("$filter"), o.fields);
  if (typeof filter !== "function") return filter;
  const offset = skipOffset(req);
  if (typeof offset !== "number") return offset;
  const value: Json[] = [];
  let i = offset;
  for (; i < t.users.length && value.length < top; i++) {
    const u = t.users[i]!;
    if (u.deletedAt !== null) continue;
    const json = o.toJson(u);
    if (filter(json)) value.push(o.out ? o.out(json) : json);
  }
  const body: Json = { "@odata.context": contextUrl(req, o.odataContext), value };
  if (i < t.users.length) body["@odata.nextLink"] = nextLink(req, { o: i });
  return { status: 200, body };
}
