import { z } from "zod";
import {
  DEFAULT_INTERVAL_MINUTES,
  DEFAULT_LEASE_SECONDS,
  DEFAULT_REPORT_INTERVAL_MINUTES,
  DEFAULT_RUN_BUDGET_MINUTES,
  DEFAULT_SWEEP_DAYS,
} from "@/server/modules/sync/sync.constants";

// The only place that reads process.env. Parsed once, on first use, so `next build` does not need
// production secrets. A bad value stops start-up with a message naming the variable.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        new URL(v);
        return true;
      } catch {
        return false;
      }
    }, `expected ${what}`);

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .positive(`expected ${what}`);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: url("a postgresql:// connection URL")
      .refine((v) => /^postgres(ql)?:\/\//.test(v), "expected a postgresql:// connection URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    DATABASE_SCHEMA: optionalString,
    // PostgreSQL: the role that owns the schema and runs migrations, so DATABASE_URL's role can own
    // nothing and cannot switch off the audit trail's trigger (README, "A separate migration role").
    DATABASE_MIGRATION_URL: url("a postgresql:// connection URL")
      .refine((v) => /^postgres(ql)?:\/\//.test(v), "expected a postgresql:// connection URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    KEYFLEET_DATA_DIR: z.string().trim().min(1).default(".data"),
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "expected at least 32 characters").optional()),
    AUTH_URL: url("the portal's public base URL, e.g. https://keyfleet.example.com").optional(),
    AUTH_TRUST_HOST: optionalString,
    // A reverse proxy in front appends the client's address to X-Forwarded-For: rate limits key on it.
    // Otherwise forwarded headers are ignored (a client could write any address there).
    TRUST_PROXY: optionalString
      .pipe(z.enum(["true", "false"], { error: 'expected "true" or "false"' }).optional())
      .transform((v) => v === "true"),
    // Staff sessions: refused this long after sign-in whatever the use, and after this long unused.
    SESSION_MAX_HOURS: positiveInt("a positive whole number of hours").default(8),
    SESSION_IDLE_MINUTES: positiveInt("a positive whole number of minutes").default(30),
    // Staff sign-in (OIDC). Entra ID in production; any OIDC issuer can stand in.
    AUTH_OIDC_ISSUER: url(
      "the OIDC issuer URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0",
    ).optional(),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().default("Microsoft Entra ID"),
    // Demo personas against a real Graph app: refused at start unless this says so (a staging tenant).
    KEYFLEET_DEMO_SIGNIN: optionalString.pipe(
      z
        .enum(["allow-with-real-tenant"], { error: 'expected "allow-with-real-tenant" or nothing' })
        .optional(),
    ),
    // Microsoft Graph (application permissions, client-credentials grant).
    GRAPH_BASE_URL: url("the Graph base URL, e.g. https://graph.microsoft.com").default(
      "https://graph.microsoft.com",
    ),
    AZURE_AUTHORITY_HOST: url("the token authority, e.g. https://login.microsoftonline.com").default(
      "https://login.microsoftonline.com",
    ),
    AZURE_TENANT_ID: optionalString,
    AZURE_CLIENT_ID: optionalString,
    AZURE_CLIENT_SECRET: optionalString,
    AZURE_CLIENT_CERTIFICATE_PATH: optionalString,
    // Read users' FIDO2 methods from Graph beta, which adds lastUsedDateTime ("last used" from Entra
    // itself, preferred over the sign-in log). Beta is not supported by Microsoft for production use.
    GRAPH_FIDO2_BETA: optionalString
      .pipe(z.enum(["true", "false"], { error: 'expected "true" or "false"' }).optional())
      .transform((v) => v === "true"),
    // Demo: the simulated tenant's size and seed, and its port (0 = any free port).
    SIM_USERS: positiveInt("a positive whole number of users").default(400),
    SIM_SEED: z.coerce.number().int().default(42),
    SIM_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    // Demo: a fixed bearer token for the simulated tenant's control API (/_control), so an end-to-end test
    // can act as the users (register a key) and read ground truth. Random when unset.
    SIM_CONTROL_TOKEN: optionalString.pipe(z.string().min(24, "expected at least 24 characters").optional()),
    // Set by `npm start` (and the CLI) so Node trusts the simulated tenant's CA.
    NODE_EXTRA_CA_CERTS: optionalString,
    SYNC_INTERVAL_MINUTES: positiveInt("a positive whole number of minutes").default(
      DEFAULT_INTERVAL_MINUTES,
    ),
    // A running sync renews its lease every second; a process killed mid-sync blocks the next run for
    // at most this long, after which the next run marks the dead one abandoned and takes over.
    SYNC_LEASE_SECONDS: positiveInt("a positive whole number of seconds").default(DEFAULT_LEASE_SECONDS),
    // The audit chain's head goes to the log every this many events and, when it moved, this often.
    AUDIT_CHECKPOINT_EVERY: positiveInt("a positive whole number of events").default(100),
    AUDIT_CHECKPOINT_MINUTES: positiveInt("a positive whole number of minutes").default(5),
    // How long one sync run may keep retrying throttled reads before it ends "partial" and leaves the
    // users it could not read to the next run (docs/SYNC.md).
    SYNC_RUN_BUDGET_MINUTES: positiveInt("a positive whole number of minutes").default(
      DEFAULT_RUN_BUDGET_MINUTES,
    ),
    // The registration report lags Entra by hours and costs 5 requests / 10 s: read it this often, not every run.
    SYNC_REPORT_INTERVAL_MINUTES: positiveInt("a positive whole number of minutes").default(
      DEFAULT_REPORT_INTERVAL_MINUTES,
    ),
    // Every user's FIDO2 methods are re-read at least once in this many days, spread over the runs.
    SYNC_SWEEP_DAYS: positiveInt("a positive whole number of days").default(DEFAULT_SWEEP_DAYS),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    // bench:load: count the queries sent to PostgreSQL and answer them at /api/bench/queries.
    KEYFLEET_QUERY_COUNTER: optionalString.pipe(
      z.enum(["1"], { error: 'expected "1" or nothing' }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const [name, value] of [
        ["AUTH_OIDC_ISSUER", env.AUTH_OIDC_ISSUER],
        ["AUTH_OIDC_CLIENT_ID", env.AUTH_OIDC_CLIENT_ID],
        ["AUTH_OIDC_CLIENT_SECRET", env.AUTH_OIDC_CLIENT_SECRET],
      ] as const) {
        if (!value)
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: "required when staff sign-in (OIDC) is configured",
          });
      }
    }
    if (oidc.every(Boolean) && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "required (32+ random characters) when OIDC sign-in is configured",
      });
    }
    if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_MIGRATION_URL"],
        message: "only with DATABASE_URL (the embedded database has one role)",
      });
    }
    const graph = [env.AZURE_TENANT_ID, env.AZURE_CLIENT_ID];
    if (graph.some(Boolean)) {
      if (!env.AZURE_TENANT_ID)
        ctx.addIssue({
          code: "custom",
          path: ["AZURE_TENANT_ID"],
          message: "required when AZURE_CLIENT_ID is set",
        });
      if (!env.AZURE_CLIENT_ID)
        ctx.addIssue({
          code: "custom",
          path: ["AZURE_CLIENT_ID"],
          message: "required when AZURE_TENANT_ID is set",
        });
      if (!env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH) {
        ctx.addIssue({
          code: "custom",
          path: ["AZURE_CLIENT_SECRET"],
          message:
            "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH is required for the Graph app registration",
        });
      }
    }
  });

export type Env = z.infer<typeof schema> & {
  /** No identity provider configured: demo personas sign in. Never true when OIDC is configured. */
  isDemo: boolean;
  database: "pglite" | "postgresql";
  graphMode: "simulated" | "entra" | "unconfigured";
  /** Demo personas sign in while Graph reaches a real tenant (allowed by KEYFLEET_DEMO_SIGNIN): banner on every page. */
  isDemoSignInOnRealTenant: boolean;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`KeyFleet configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`),
    );
  }
  const env = result.data;
  const isDemo = !env.AUTH_OIDC_CLIENT_ID;
  const hasGraphApp = Boolean(env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID);
  return {
    ...env,
    isDemo,
    database: env.DATABASE_URL ? "postgresql" : "pglite",
    graphMode: hasGraphApp ? "entra" : isDemo ? "simulated" : "unconfigured",
    isDemoSignInOnRealTenant: isDemo && hasGraphApp,
  };
}

/**
 * What stops the portal (not the CLI, which signs nobody in) from serving this configuration: demo
 * personas (password-free Administrator) in front of a real Graph app, unless explicitly allowed.
 * See docs/SECURITY.md, "Demo sign-in and a real tenant".
 */
export function portalStartProblems(env: Env): string[] {
  if (!env.isDemoSignInOnRealTenant || env.KEYFLEET_DEMO_SIGNIN === "allow-with-real-tenant") return [];
  return [
    "AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET: required when the Graph app (AZURE_TENANT_ID, AZURE_CLIENT_ID) " +
      "reaches a real tenant; without them demo personas would let anyone sign in as Administrator. Configure the identity provider, " +
      "or, for a staging tenant only, set KEYFLEET_DEMO_SIGNIN=allow-with-real-tenant.",
  ];
}

/** portalStartProblems as the error that stops start-up. */
export function assertPortalCanStart(env: Env): void {
  const problems = portalStartProblems(env);
  if (problems.length) throw new EnvError(problems);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The environment for a child process of this one, plus `extra` (e.g. the CLI re-run with a CA to trust). */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Tests only: forget the parsed environment after changing process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
}
