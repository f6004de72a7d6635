// Sign-in logs and directory audits as the Graph port returns them (fields are Graph's).

export interface AuthenticationDetail {
  authenticationMethod?: string | null;
  authenticationMethodDetail?: string | null;
  authenticationStepDateTime?: string | null;
  authenticationStepRequirement?: string | null;
  authenticationStepResultDetail?: string | null;
  succeeded?: boolean | null;
}

export interface SignIn {
  id: string;
  createdDateTime: string;
  userId?: string;
  userPrincipalName?: string;
  userDisplayName?: string;
  appDisplayName?: string;
  status?: { errorCode?: number; failureReason?: string | null };
  authenticationMethodsUsed?: string[];
  /** Beta only: the FIDO2 evidence ("last used"). */
  authenticationDetails: AuthenticationDetail[];
}

export interface SignInQuery {
  /** createdDateTime ge (ISO-8601) */
  since?: string;
  /** createdDateTime le (ISO-8601) */
  until?: string;
  userId?: string;
  /** Page size, 1–1000. */
  top?: number;
}

export interface DirectoryAudit {
  id: string;
  activityDisplayName: string;
  activityDateTime: string;
  /** Ids of the users the event is about (targetResources of type User). */
  targetUserIds: string[];
}
