import { randomBytes } from "node:crypto";
import type { SimContext } from "./context";
import type { SimUser } from "./model";
import type { Json, SimRequest } from "./odata";
import { activeCredentials, tenantNow } from "./tenant";
import { iso, tapJson } from "./views";
import { registerFromAttestation } from "./webauthn";

// A user's own registration of a security key, as at https://aka.ms/mysecurityinfo: they sign in with
// their Temporary Access Pass (a one-time pass is spent), get creation options, and their browser's
// answer is registered like any other (the same checks as POST fido2Methods), recorded as done by the
// user. Reached through the control API only: this is the person at the desk, not KeyFleet.

/** Graph's webauthnCredentialCreationOptions for `u`: a challenge bound to the user, living `minutes`. */
export function creationOptions(ctx: SimContext, u: SimUser, minutes: number): Json {
  const challenge = randomBytes(32).toString("base64url");
  const expiresAt = tenantNow(ctx.tenant) + minutes * 60_000;
  ctx.challenges.set(challenge, { userIdx: u.idx, expiresAt });
  return {
    challengeTimeoutDateTime: iso(expiresAt),
    publicKey: {
      rp: { id: ctx.webauthn.rpId, name: "Microsoft" },
      user: {
        id: Buffer.from(u.id).toString("base64url"),
        displayName: u.displayName,
        name: u.userPrincipalName,
      },
      challenge,
      pubKeyCredParams: [
        { type: "public-key", alg: -7 },
        { type: "public-key", alg: -257 },
      ],
      timeout: minutes * 60_000,
      excludeCredentials: activeCredentials(ctx.tenant, u.idx).map((c) => ({
        type: "public-key",
        id: c.id,
        transports: [],
      })),
      authenticatorSelection: {
        authenticatorAttachment: "cross-platform",
        requireResidentKey: true,
        userVerification: "required",
      },
      attestation: "direct",
      extensions: {
        hmacCreateSecret: true,
        enforceCredentialProtectionPolicy: true,
        credentialProtectionPolicy: "userVerificationOptional",
      },
    },
  };
}

export function makeSelfServiceControl(
  ctx: SimContext,
  user: (id: string) => SimUser,
  fail: (status: number, message: string) => Error,
) {
  return {
    /** The user signs in with their pass: refused unless it is theirs and usable now; a one-time pass is spent. */
    signInWithTap(userId: string, pass: string): Json {
      const u = user(userId);
      const tap = ctx.tenant.taps.get(u.idx);
      if (!tap || tap.value !== pass || tapJson(ctx.tenant, tap, false).isUsable !== true)
        throw fail(401, "The Temporary Access Pass was refused: wrong, expired or already used.");
      if (tap.isUsableOnce) tap.usedAt = tenantNow(ctx.tenant);
      return creationOptions(ctx, u, 5);
    },
    /** The user's browser answered the options: registered with the same checks as POST fido2Methods. */
    registerOwnKey(userId: string, credential: unknown): Json {
      const u = user(userId);
      const req = {
        method: "POST",
        version: "v1.0",
        path: `/users/${u.id}/authentication/fido2Methods`,
        query: new URLSearchParams(),
        headers: {},
        body: { publicKeyCredential: credential, displayName: "Security key" },
        origin: "https://mysignins.simulated",
      } satisfies SimRequest;
      const res = registerFromAttestation(ctx, req, u, "user");
      const body = (res.body ?? {}) as { error?: { message?: string } } & Json;
      if (res.status >= 400) throw fail(res.status, body.error?.message ?? "The key was refused.");
      return body;
    },
  };
}
