import fc from "fast-check";
import type { ZodType } from "zod";

// Builds fast-check arbitraries from a procedure's zod input schema: values with the schema's *shape*
// (so they get past the outer object and reach each field's checks, and sometimes the service and the
// database) but hostile leaves. Test support only; nothing in the app imports it.

/** Strings that have broken web apps: NUL (PostgreSQL text refuses it), formula cells, lone surrogates,
 *  markup, SQL, path tricks, control characters, right-to-left overrides and sheer size. */
export const hostileStrings: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "=cmd()",
  '=HYPERLINK("http://evil.example","x")',
  "+1+1",
  "-2+3",
  "@SUM(A1:A2)",
  "\tTAB",
  "\uD800",
  "\uDFFFx",
  "<script>alert(1)</script>",
  "'; DROP TABLE security_keys; --",
  "../../etc/passwd",
  "\u202Egnp.exe",
  "\r\n\r\n",
  "💥".repeat(300),
  "x".repeat(100_000),
  "__proto__",
  "constructor",
  "NaN",
  "-1",
  "9999-12-31T23:59:59.999Z",
];

const hostileNumbers = [
  0,
  -1,
  1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -0,
  0.5,
  NaN,
  Infinity,
  -Infinity,
];
const hostileDates = [
  new Date(Number.NaN),
  new Date(-8.64e15),
  new Date(8.64e15),
  new Date(0),
  new Date("1969-12-31T23:59:59Z"),
];

export interface HostileOptions {
  /** Real ids from the test database: mixed into strings so some inputs reach rows that exist. */
  knownIds: readonly string[];
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

function stringArb(o: HostileOptions): fc.Arbitrary<string> {
  const arbs: fc.Arbitrary<string>[] = [
    fc.constantFrom(...hostileStrings),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 20 }),
  ];
  if (o.knownIds.length) arbs.push(fc.constantFrom(...o.knownIds));
  return fc.oneof(...arbs);
}

const numberArb = fc.oneof(fc.constantFrom(...hostileNumbers), fc.integer(), fc.double());

function fromDef(schema: unknown, o: HostileOptions, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.anything({ maxDepth: 1 });
  const d = defOf(schema);
  const inner = (s: unknown) => fromDef(s, o, depth + 1);
  switch (d.type) {
    case "string":
    case "template_literal":
      return stringArb(o);
    case "number":
    case "int":
      return numberArb;
    case "bigint":
      return fc.oneof(fc.bigInt(), fc.constant(2n ** 70n));
    case "boolean":
      return fc.boolean();
    case "date":
      return fc.oneof(fc.constantFrom(...hostileDates), fc.date());
    case "enum": {
      const values = Object.values(d.entries as Record<string, unknown>);
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: stringArb(o) },
      );
    }
    case "literal":
      return fc.oneof(fc.constantFrom(...(d.values as unknown[])), stringArb(o));
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return fc.oneof(
        { weight: 4, arbitrary: inner(d.innerType) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
      );
    case "pipe":
      return inner(defOf(d.in).type === "transform" ? d.out : d.in);
    case "lazy":
      return inner((d.getter as () => unknown)());
    case "union":
      return fc.oneof(...(d.options as unknown[]).map(inner));
    case "intersection":
      return fc
        .tuple(inner(d.left), inner(d.right))
        .map(([l, r]) => (isPlainObject(l) && isPlainObject(r) ? { ...l, ...r } : l));
    case "array":
    case "set": {
      const element = inner(d.element ?? d.valueType);
      // Small arrays, and sometimes a very long one: an unbounded list is a denial of service.
      return fc.oneof(
        fc.array(element, { maxLength: 3 }),
        element.map((e) => Array.from({ length: 5_000 }, () => e)),
      );
    }
    case "tuple":
      return fc.tuple(...(d.items as unknown[]).map(inner));
    case "record":
      return fc.dictionary(stringArb(o), inner(d.valueType), { maxKeys: 3 });
    case "object": {
      const shape = d.shape as Record<string, unknown>;
      const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v)]));
      // Sometimes a field is missing, sometimes an unknown or prototype-looking key comes along.
      const record = fc.record(fields, { requiredKeys: [] });
      return fc.oneof(
        { weight: 4, arbitrary: fc.record(fields) },
        { weight: 2, arbitrary: record },
        {
          weight: 1,
          arbitrary: record.map((r) =>
            Object.assign(
              Object.create(null) as object,
              r,
              JSON.parse('{"__proto__":{"isAdmin":true},"extra":1}'),
            ),
          ),
        },
      );
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Hostile input for a procedure taking `inputs` (tRPC merges several object inputs into one). */
export function hostileInput(inputs: readonly ZodType[], o: HostileOptions): fc.Arbitrary<unknown> {
  const shaped =
    inputs.length === 0
      ? fc.constant(undefined)
      : fc
          .tuple(...inputs.map((s) => fromDef(s, o, 0)))
          .map((parts) => (parts.every(isPlainObject) ? Object.assign({}, ...parts) : parts[0]));
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    {
      weight: 2,
      arbitrary: fc.anything({
        maxDepth: 3,
        withDate: true,
        withMap: true,
        withSet: true,
        withBigInt: true,
        withNullPrototype: true,
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, "", 0, [], {}) },
  );
}

/**
 * A handful of inputs `schema` accepts, built from its shape (every enum value, every union branch,
 * known ids for strings) and kept only if the schema parses them: for tests that need to reach every
 * variant of a procedure (e.g. every chart of an export) without knowing its inputs.
 */
export function plausibleInputs(
  schema: ZodType | undefined,
  knownIds: readonly string[],
  limit = 40,
): unknown[] {
  if (!schema) return [undefined];
  const candidates = plausible(schema, knownIds, 0).slice(0, 400);
  return candidates.filter((c) => schema.safeParse(c).success).slice(0, limit);
}

function plausible(schema: unknown, ids: readonly string[], depth: number): unknown[] {
  if (depth > 5) return [undefined];
  const d = defOf(schema);
  const inner = (s: unknown) => plausible(s, ids, depth + 1);
  switch (d.type) {
    case "string":
      return ["x", ...ids.slice(0, 2)];
    case "number":
    case "int":
      return [1, 30];
    case "boolean":
      return [false];
    case "date":
      return [new Date("2026-01-01T00:00:00Z")];
    case "enum":
      return Object.values(d.entries as Record<string, unknown>);
    case "literal":
      return [...(d.values as unknown[])];
    case "optional":
    case "default":
    case "prefault":
      return [undefined, ...inner(d.innerType)];
    case "nullable":
      return [null, ...inner(d.innerType)];
    case "pipe":
      return inner(defOf(d.in).type === "transform" ? d.out : d.in);
    case "union":
      return (d.options as unknown[]).flatMap(inner);
    case "array":
      return [[]];
    case "object": {
      // The cartesian product of the fields' candidates, capped: enough to cover every enum value.
      let rows: Record<string, unknown>[] = [{}];
      for (const [k, v] of Object.entries(d.shape as Record<string, unknown>)) {
        rows = rows.flatMap((r) => inner(v).map((value) => ({ ...r, [k]: value }))).slice(0, 200);
      }
      return rows;
    }
    default:
      return [undefined];
  }
}
