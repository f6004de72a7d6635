// The kinds of authenticator a FIDO2 credential can be (credential-kind.ts decides which), as plain
// constants the pages can import.
export const credentialKinds = ["hardware", "authenticator", "synced", "unknown"] as const;
export type CredentialKind = (typeof credentialKinds)[number];
