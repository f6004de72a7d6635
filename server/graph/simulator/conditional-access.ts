// The tenant's Conditional Access policies, authentication strengths and the outbox of sendMail, kept
// beside the tenant (not in it) and seeded on first use with a few demo policies over the rollout-wave
// groups: one enforced with exclusions, one report-only, one with a custom strength (docs/SECURITY-LEAD.md).
import { keyModels } from "./catalog";
import type { TenantState } from "./model";
import type { Json } from "./odata";

export interface OutboxMessage {
  at: string;
  /** The mailbox it was sent from (id or UPN as addressed). */
  from: string;
  to: string[];
  subject: string;
  body: string;
}

export interface LeversState {
  policies: Json[];
  strengths: Json[];
  outbox: OutboxMessage[];
  /**
   * Exchange's RBAC for Applications scope of Mail.Send: the mailboxes (UPN or id, lower case) the app may
   * send as; null: every mailbox (a tenant-wide grant).
   */
  mailSendScope: string[] | null;
}

const states = new WeakMap<TenantState, LeversState>();

/** Built-in authentication strengths (ids and combinations as Graph lists them). */
const builtIn = (n: number, displayName: string, allowedCombinations: string[]): Json => ({
  id: `00000000-0000-0000-0000-00000000000${n}`,
  displayName,
  policyType: "builtIn",
  requirementsSatisfied: "mfa",
  allowedCombinations,
  combinationConfigurations: [],
});
const phishingResistant = ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"];
export const builtInStrengths: Json[] = [
  builtIn(2, "Multifactor authentication", [
    ...phishingResistant,
    "deviceBasedPush",
    "temporaryAccessPassOneTime",
    "temporaryAccessPassMultiUse",
    "password,microsoftAuthenticatorPush",
    "password,softwareOath",
    "password,hardwareOath",
    "password,sms",
    "password,voice",
  ]),
  builtIn(3, "Passwordless MFA", [...phishingResistant, "deviceBasedPush"]),
  builtIn(4, "Phishing-resistant MFA", phishingResistant),
];

export const fipsStrengthId = "5a1f1e5e-f1b5-4e11-9a11-000000000f1b";

export function caPolicy(input: {
  id: string;
  displayName: string;
  state: string;
  includeGroups?: string[];
  excludeGroups?: string[];
  includeUsers?: string[];
  excludeUsers?: string[];
  strengthId?: string | null;
  builtInControls?: string[];
}): Json {
  return {
    id: input.id,
    displayName: input.displayName,
    state: input.state,
    createdDateTime: "2026-01-05T09:00:00Z",
    conditions: {
      users: {
        includeUsers: input.includeUsers ?? [],
        excludeUsers: input.excludeUsers ?? [],
        includeGroups: input.includeGroups ?? [],
        excludeGroups: input.excludeGroups ?? [],
        includeRoles: [],
        excludeRoles: [],
      },
      applications: { includeApplications: ["All"], excludeApplications: [] },
      clientAppTypes: ["all"],
    },
    grantControls: {
      operator: "OR",
      builtInControls: input.builtInControls ?? [],
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: input.strengthId
        ? (strengthOf(input.strengthId) ?? { id: input.strengthId })
        : null,
    },
  };
}

const strengthOf = (id: string) => builtInStrengths.find((s) => s.id === id);

function seed(t: TenantState): LeversState {
  const groupId = (prefix: string) => t.groups.find((g) => g.displayName.startsWith(prefix))?.id;
  const wave1 = groupId("FIDO2 Rollout Wave 1");
  const wave2 = groupId("FIDO2 Rollout Wave 2");
  const tier0 = groupId("Privileged Access - Tier 0");
  const fips = keyModels.filter((m) => m.model.includes("FIPS")).map((m) => m.aaGuid);
  const strengths: Json[] = [
    ...builtInStrengths,
    {
      id: fipsStrengthId,
      displayName: "FIPS security keys",
      description: "Tier 0 admins: FIPS-validated keys only",
      policyType: "custom",
      requirementsSatisfied: "mfa",
      allowedCombinations: ["fido2"],
      combinationConfigurations: [
        {
          "@odata.type": "#microsoft.graph.fido2CombinationConfiguration",
          id: "9d1a0f0e-0000-4000-8000-00000000f1b5",
          appliesToCombinations: ["fido2"],
          allowedAAGUIDs: fips,
        },
      ],
    },
  ];
  const policies: Json[] = [];
  if (wave1)
    policies.push(
      caPolicy({
        id: "c0a00001-0000-4000-8000-000000000001",
        displayName: "Require phishing-resistant MFA - Wave 1",
        state: "enabled",
        includeGroups: [wave1],
        excludeGroups: tier0 ? [tier0] : [],
        strengthId: "00000000-0000-0000-0000-000000000004",
      }),
    );
  if (wave2)
    policies.push(
      caPolicy({
        id: "c0a00001-0000-4000-8000-000000000002",
        displayName: "Require phishing-resistant MFA - Wave 2 (report-only)",
        state: "enabledForReportingButNotEnforced",
        includeGroups: [wave2],
        strengthId: "00000000-0000-0000-0000-000000000004",
      }),
    );
  if (tier0)
    policies.push({
      ...caPolicy({
        id: "c0a00001-0000-4000-8000-000000000003",
        displayName: "Tier 0 admins: FIPS security keys",
        state: "enabled",
        includeGroups: [tier0],
      }),
      grantControls: {
        operator: "OR",
        builtInControls: [],
        customAuthenticationFactors: [],
        termsOfUse: [],
        authenticationStrength: strengths.find((s) => s.id === fipsStrengthId),
      },
    });
  policies.push(
    caPolicy({
      id: "c0a00001-0000-4000-8000-000000000004",
      displayName: "All users: require MFA",
      state: "enabled",
      includeUsers: ["All"],
      builtInControls: ["mfa"],
    }),
  );
  return { policies, strengths, outbox: [], mailSendScope: null };
}

export function leversState(t: TenantState): LeversState {
  let s = states.get(t);
  if (!s) {
    s = seed(t);
    states.set(t, s);
  }
  return s;
}

/** Replaces the tenant's Conditional Access policies and custom strengths (tests; built-ins stay). */
export function setConditionalAccess(t: TenantState, input: { policies?: Json[]; customStrengths?: Json[] }) {
  const s = leversState(t);
  if (input.policies) s.policies = input.policies.map((p) => structuredClone(p));
  if (input.customStrengths)
    s.strengths = [...builtInStrengths, ...input.customStrengths.map((x) => structuredClone(x))];
}

/** What sendMail accepted, oldest first (tests read it). */
export const outboxOf = (t: TenantState): OutboxMessage[] => leversState(t).outbox.map((m) => ({ ...m }));

/** Limits Mail.Send to these mailboxes, as an Exchange scope does (tests); null: every mailbox again. */
export function restrictMailSend(t: TenantState, mailboxes: string[] | null): void {
  leversState(t).mailSendScope = mailboxes?.map((m) => m.toLowerCase()) ?? null;
}
