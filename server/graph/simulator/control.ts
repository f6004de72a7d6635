// The control API: faults, mutations, the clock, ground truth and the log of destructive calls.
// Reachable in-process (RunningSimulator.control) and over HTTPS under /_control with its own token.
import { advance, type AdvanceSummary } from "./clock";
import { keyModels, modelByAaGuid, personalKeyModels } from "./catalog";
import type { DestructiveCall, SimContext } from "./context";
import { allPermissions, makeBuckets, noFaults, type DispatchState, type Faults } from "./dispatch";
import type { Fido2PolicyState, TapPolicyState } from "./model";
import { auditCredential } from "./routes-audits";
import { findUser } from "./routes-directory";
import { addCredential, issueKey, removeCredential, tenantNow, touchUser } from "./tenant";
import { noThrottling, throttlingFor, type ThrottlingConfig, type ThrottlingMode } from "./throttle";
import type { TokenState } from "./token";
import { makeCredential } from "./webauthn";
import { makeGroupControl } from "./control-groups";
import { makeSelfServiceControl } from "./self-service";
import { addKeyFailures } from "./sign-in-failures";

export interface GroundTruthKey {
  serial: string;
  vendor: string;
  aaGuid: string;
  model: string;
  userId: string;
  userPrincipalName: string;
  credentialId: string | null;
  state: string;
  isPersonal: boolean;
  issuedAt: string;
  registerAt: string | null;
}

export interface SimulatorControl {
  setFaults(faults: Partial<Faults>): void;
  clearFaults(): void;
  /** The faults in force. A rule's `times` counts down as matching requests arrive (before any delay). */
  faults(): Faults;
  revokePermissions(permissions: string[]): void;
  grantPermissions(permissions: string[]): void;
  resetPermissions(): void;
  advance(days: number): AdvanceSummary;
  setReportLag(minutes: number): void;
  setUserEnabled(userId: string, enabled: boolean): void;
  deleteUser(userId: string): void;
  /** The user registers a key themselves (not through KeyFleet). */
  registerCredential(
    userId: string,
    input?: { aaGuid?: string; serial?: string; displayName?: string; personal?: boolean },
  ): { credentialId: string; serial: string };
  /** The user removes a credential themselves. */
  removeCredential(credentialId: string): void;
  /** A virtual authenticator answering creationOptions; the serial becomes ground truth at POST. */
  makeCredential(input: { challenge: string; aaGuid: string; serial?: string; fmt?: string }): {
    id: string;
    response: { clientDataJSON: string; attestationObject: string };
  };
  groundTruth(filter?: { userId?: string; credentialId?: string; serial?: string }): GroundTruthKey[];
  destructiveCalls(): DestructiveCall[];
  clearDestructiveCalls(): void;
  expireTokens(): void;
  setTapPolicy(patch: Partial<TapPolicyState>): void;
  tapPolicy(): TapPolicyState;
  /** Live users whose office is `officeLocation` (a journey finds the one whose office has no site). */
  usersInOffice(officeLocation: string): { id: string; displayName: string; userPrincipalName: string }[];
  /** A security group (optionally with members), e.g. to scope the TAP policy in a test. */
  createGroup(input: { displayName: string; userIds?: string[]; groupIds?: string[] }): { id: string };
  addGroupMember(groupId: string, member: { userId?: string; groupId?: string }): void;
  removeGroupMember(groupId: string, member: { userId?: string; groupId?: string }): void;
  /** The user signs in with their pass and gets creation options for their own key (self-service.ts). */
  signInWithTap(userId: string, pass: string): Record<string, unknown>;
  /** The user's browser answered those options: their own registration (self-service.ts). */
  registerOwnKey(userId: string, credential: unknown): Record<string, unknown>;
  /** The user signs in with their TAP: a one-time pass is then spent (methodUsabilityReason OneTimeUsed). */
  useTap(userId: string): { isUsableOnce: boolean };
  /** An external (B2B) guest joins the tenant. */
  inviteGuest(input: { displayName: string; email: string }): { id: string; userPrincipalName: string };
  setFido2Policy(patch: Partial<Fido2PolicyState>): void;
  /** A user's live FIDO2 credentials, as the tenant holds them (tests check what reached Entra). */
  credentialsOf(userId: string): { id: string; aaGuid: string; model: string; createdAt: string }[];
  /** The RP id creationOptions name and POST checks, and AAGUID aliases for test authenticators (docs/ENROLLMENT.md). */
  setWebauthn(input: { rpId?: string; aaguidAliases?: Record<string, string> }): {
    rpId: string;
    aaguidAliases: Record<string, string>;
  };
  /** Failed sign-ins at a FIDO2 key step added to the log (tests, demos); their ids. */
  addKeyFailures(
    failures: {
      userId: string;
      errorCode: number;
      failureReason: string;
      model: string;
      /** ISO time; default five minutes before tenant time. */
      at?: string;
    }[],
  ): string[];
  /** Replaces the throttling buckets (full ones): "documented", "strict", "off" or bucket sizes. */
  setThrottling(throttling: ThrottlingMode | ThrottlingConfig): void;
  stats(): {
    requests: number;
    throttled: number;
    tokensIssued: number;
    tokensRejected: number;
    byRoute: Record<string, number>;
    throttledByRoute: Record<string, number>;
    users: number;
    credentials: number;
    throttling: ThrottlingConfig;
  };
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function makeControl(
  ctx: SimContext,
  state: DispatchState,
  tokens: TokenState,
  initialThrottling: ThrottlingConfig,
): SimulatorControl {
  const t = ctx.tenant;
  let throttling = initialThrottling;
  const user = (id: string) => {
    const u = findUser(t, id);
    if (!u) throw new ControlError(404, `no user ${id}`);
    return u;
  };
  return {
    setFaults: (f) =>
      (state.faults = {
        ...state.faults,
        ...f,
        rules: (f.rules ?? state.faults.rules).map((r) => ({ ...r })),
      }),
    clearFaults: () => (state.faults = noFaults()),
    faults: () => ({ ...state.faults, rules: state.faults.rules.map((r) => ({ ...r })) }),
    revokePermissions: (p) => p.forEach((x) => state.granted.delete(x)),
    grantPermissions: (p) => p.forEach((x) => state.granted.add(x)),
    resetPermissions: () => (state.granted = new Set(allPermissions)),
    advance: (days) => advance(t, days),
    setReportLag: (minutes) => (t.reportLagMs = minutes * 60_000),
    setUserEnabled(userId, enabled) {
      const u = user(userId);
      u.accountEnabled = enabled;
      touchUser(t, u);
    },
    deleteUser(userId) {
      const u = user(userId);
      u.deletedAt = tenantNow(t);
      touchUser(t, u);
    },
    registerCredential(userId, input = {}) {
      const u = user(userId);
      const model = input.aaGuid
        ? modelByAaGuid.get(input.aaGuid.toLowerCase())
        : input.personal
          ? personalKeyModels[0]
          : keyModels[0];
      if (!model) throw new ControlError(400, `unknown AAGUID ${input.aaGuid}`);
      const now = tenantNow(t);
      const existing = input.serial
        ? t.keys.find((k) => k.serial === input.serial && k.credentialId === null && k.holderIdx === u.idx)
        : undefined;
      const key = existing ?? issueKey(t, u, model, now, input.personal ?? false, input.serial);
      const c = addCredential(
        t,
        u,
        model,
        model.kind === "hardware" ? "hardware" : model.kind === "synced" ? "synced" : "authenticator",
        now,
        key.idx,
        input.displayName,
      );
      auditCredential(t, "registered", "user", c, now);
      return { credentialId: c.id, serial: key.serial };
    },
    removeCredential(credentialId) {
      const c = t.credentials.find((x) => x.id === credentialId && x.removedAt === null);
      if (!c) throw new ControlError(404, `no credential ${credentialId}`);
      removeCredential(t, c, tenantNow(t));
      auditCredential(t, "deleted", "user", c);
    },
    makeCredential(input) {
      const pkc = makeCredential(
        { challenge: input.challenge, rpId: ctx.webauthn.rpId },
        input.aaGuid.toLowerCase(),
        input.fmt ?? "packed",
      );
      if (input.serial)
        ctx.pendingSerials.set(pkc.id, { serial: input.serial, aaGuid: input.aaGuid.toLowerCase() });
      return pkc;
    },
    groundTruth(filter = {}) {
      return t.keys
        .filter(
          (k) =>
            (!filter.serial || k.serial === filter.serial) &&
            (!filter.credentialId || k.credentialId === filter.credentialId),
        )
        .map((k) => {
          const u = t.users[k.holderIdx]!;
          return {
            serial: k.serial,
            vendor: k.vendor,
            aaGuid: k.aaGuid,
            model: k.model,
            userId: u.id,
            userPrincipalName: u.userPrincipalName,
            credentialId: k.credentialId,
            state: k.state,
            isPersonal: k.isPersonal,
            issuedAt: new Date(k.issuedAt).toISOString(),
            registerAt: k.registerAt === null ? null : new Date(k.registerAt).toISOString(),
          };
        })
        .filter((k) => !filter.userId || k.userId === filter.userId);
    },
    destructiveCalls: () => ctx.destructive.map((c) => ({ ...c })),
    clearDestructiveCalls: () => void ctx.destructive.splice(0),
    expireTokens: () => tokens.issued.forEach((v) => (v.expiresAt = 0)),
    setTapPolicy: (patch) => (t.tapPolicy = { ...t.tapPolicy, ...patch }),
    tapPolicy: () => structuredClone(t.tapPolicy),
    ...makeGroupControl(t, user, (status, message) => new ControlError(status, message)),
    ...makeSelfServiceControl(ctx, user, (status, message) => new ControlError(status, message)),
    setFido2Policy: (patch) => (t.fido2Policy = { ...t.fido2Policy, ...patch }),
    credentialsOf(userId) {
      const u = user(userId);
      return (t.credentialsByUser.get(u.idx) ?? [])
        .filter((c) => c.removedAt === null)
        .map((c) => ({
          id: c.id,
          aaGuid: c.aaGuid,
          model: c.model,
          createdAt: new Date(c.createdAt).toISOString(),
        }));
    },
    usersInOffice(officeLocation) {
      return t.users
        .filter((u) => u.deletedAt === null && u.officeLocation === officeLocation)
        .map((u) => ({ id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName }));
    },
    setWebauthn(input) {
      const w = ctx.webauthn;
      if (input.rpId !== undefined) w.rpId = input.rpId;
      for (const [from, to] of Object.entries(input.aaguidAliases ?? {}))
        w.aaguidAliases.set(from.toLowerCase(), to.toLowerCase());
      return { rpId: w.rpId, aaguidAliases: Object.fromEntries(w.aaguidAliases) };
    },
    addKeyFailures: (failures) =>
      addKeyFailures(
        t,
        failures.map(({ at, ...f }) => ({ ...f, at: at ? Date.parse(at) : tenantNow(t) - 5 * 60_000 })),
      ),
    setThrottling(mode) {
      throttling =
        typeof mode === "object" ? { ...noThrottling, ...mode } : throttlingFor(mode, t.users.length);
      state.buckets = makeBuckets({ ...noThrottling, ...throttling });
    },
    stats: () => ({
      requests: state.stats.requests,
      throttled: state.stats.throttled,
      tokensIssued: tokens.issuedCount,
      tokensRejected: tokens.rejectedCount,
      byRoute: Object.fromEntries(state.stats.byRoute),
      throttledByRoute: Object.fromEntries(state.stats.throttledByRoute),
      users: t.users.filter((u) => u.deletedAt === null).length,
      credentials: t.credentials.filter((c) => c.removedAt === null).length,
      throttling,
    }),
  };
}
