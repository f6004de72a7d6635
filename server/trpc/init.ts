import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Actor } from "@/server/auth/actor";
import { can, type Permission } from "@/server/auth/permissions";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/unavailable";
import { isAppError } from "@/server/errors";
import { logger } from "@/server/lib/logger";
import { installPlainValidationMessages } from "@/server/lib/plain-validation";
import type { Services } from "@/server/container";
import { appErrorToTrpc, invalidInputSummary, zodFieldErrors } from "./errors";
import { unstorableInputError } from "./input-hygiene";
import { procedureRateRules } from "@/server/security/rate-limit";

export interface TrpcContext {
  actor: Actor | null;
  requestId: string;
  services: Services;
}

export interface TrpcMeta {
  /** Every procedure declares one; the RBAC matrix test fails a procedure without it. */
  permission: Permission;
}

installPlainValidationMessages();

const t = initTRPC
  .context<TrpcContext>()
  .meta<TrpcMeta>()
  .create({
    transformer: superjson,
    isDev: false, // never send stack traces to the browser
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId ?? "unknown";
      // A database outage met before any procedure ran (resolving the actor checks the session in the
      // database): the same 503 as mapAppErrors gives a procedure's, not an internal error.
      const isOutage = error.code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(error.cause);
      const isInternal = error.code === "INTERNAL_SERVER_ERROR" && !isOutage;
      if (isInternal)
        logger.error("unhandled error", { requestId, path: shape.data.path, error: error.cause ?? error });
      if (isOutage)
        logger.warn("database unavailable", { requestId, path: shape.data.path, error: error.cause });
      const fieldErrors = zodFieldErrors(error.cause);
      return {
        ...shape,
        message: isOutage
          ? DATABASE_UNAVAILABLE_MESSAGE
          : isInternal
            ? `Something went wrong. Quote request id ${requestId} to your administrator.`
            : fieldErrors
              ? invalidInputSummary(fieldErrors)
              : shape.message,
        data: {
          code: isOutage ? "SERVICE_UNAVAILABLE" : shape.data.code,
          httpStatus: isOutage ? 503 : shape.data.httpStatus,
          path: shape.data.path,
          requestId,
          fieldErrors,
          details: isAppError(error.cause) ? (error.cause.details ?? null) : null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Services throw AppError; turn it into the matching tRPC error once, here.
const mapAppErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  // A database outage is not a bug: say so (503), instead of "something went wrong" with a request id.
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    logger.warn("database unavailable", { requestId: ctx.requestId, path, error: result.error.cause });
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: DATABASE_UNAVAILABLE_MESSAGE,
      cause: result.error.cause,
    });
  }
  if (!result.ok && isAppError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: appErrorToTrpc[cause.code], message: cause.message, cause });
  }
  return result;
});

/** A procedure that requires `permission`. The check runs before input is parsed. */
export function procedure(permission: Permission) {
  return t.procedure
    .meta({ permission })
    .use(mapAppErrors)
    .use(({ ctx, next }) => {
      if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
      if (!can(ctx.actor.roles, permission)) {
        throw new TRPCError({ code: "FORBIDDEN", message: `Your role does not allow ${permission}.` });
      }
      return next({
        ctx: { ...ctx, actor: ctx.actor, request: { actor: ctx.actor, requestId: ctx.requestId } },
      });
    })
    .use(async ({ ctx, path, next }) => {
      // Limits per staff member on the procedures listed in procedureRateRules (e.g. TAP issuance), counted
      // in the database so every portal process shares them.
      const rule = procedureRateRules[path];
      const verdict = rule
        ? await ctx.services.rateLimits.hit(`procedure:${path}`, rule, ctx.actor.id)
        : null;
      if (verdict && !verdict.ok) {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `Too many attempts. Try again in ${verdict.retryAfterSeconds} s.`,
        });
      }
      return next();
    })
    .use(async ({ getRawInput, next }) => {
      // After the permission check (a forbidden caller learns nothing about its input), before parsing.
      const unstorable = unstorableInputError(await getRawInput());
      if (unstorable)
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Some input cannot be stored.",
          cause: unstorable,
        });
      return next();
    });
}
