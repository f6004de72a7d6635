// The primitive mutations of the simulated tenant: the tenant's clock, a user change users/delta reports,
// a credential added or removed, a physical key issued.
import { type KeyModel } from "./catalog";
import type { CredentialKind, PhysicalKey, SimCredential, SimUser, TenantState } from "./model";
import { methodId, serialFor, thumbprint } from "./random";

export const tenantNow = (t: TenantState) => Date.now() + t.offsetMs;

/** Record a change to a user so users/delta reports it. */
export function touchUser(t: TenantState, user: SimUser): void {
  t.seq++;
  t.changes.push(user.idx);
  user.changeSeq = t.seq;
}

export function activeCredentials(t: TenantState, userIdx: number): SimCredential[] {
  return (t.credentialsByUser.get(userIdx) ?? []).filter((c) => c.removedAt === null);
}

export function addCredential(
  t: TenantState,
  user: SimUser,
  model: KeyModel,
  kind: CredentialKind,
  createdAt: number,
  keyIdx: number | null,
  displayName?: string,
): SimCredential {
  const credential: SimCredential = {
    id: methodId(t.random),
    userIdx: user.idx,
    aaGuid: model.aaGuid,
    model: model.model,
    displayName:
      displayName ?? (kind === "hardware" ? model.model.replace(/ Series.*| by Yubico/, "") : model.model),
    kind,
    createdAt,
    attestationLevel: kind === "hardware" ? "attested" : "notAttested",
    attestationCertificates: kind === "hardware" ? [thumbprint(t.random)] : [],
    removedAt: null,
    lastUsedAt: null,
    keyIdx,
  };
  t.credentials.push(credential);
  const list = t.credentialsByUser.get(user.idx);
  if (list) list.push(credential);
  else t.credentialsByUser.set(user.idx, [credential]);
  if (keyIdx !== null) {
    const key = t.keys[keyIdx];
    if (key) {
      key.credentialId = credential.id;
      key.state = "registered";
      key.registerAt = null;
    }
  }
  return credential;
}

export function issueKey(
  t: TenantState,
  user: SimUser,
  model: KeyModel,
  issuedAt: number,
  isPersonal: boolean,
  serial?: string,
): PhysicalKey {
  const key: PhysicalKey = {
    idx: t.keys.length,
    serial: serial ?? serialFor(model.vendor, t.random),
    aaGuid: model.aaGuid,
    model: model.model,
    vendor: model.vendor,
    holderIdx: user.idx,
    isPersonal,
    issuedAt,
    registerAt: null,
    credentialId: null,
    state: "issued",
  };
  t.keys.push(key);
  return key;
}

export function removeCredential(t: TenantState, credential: SimCredential, at: number): void {
  credential.removedAt = at;
  if (credential.keyIdx !== null) {
    const key = t.keys[credential.keyIdx];
    if (key && key.state === "registered") key.state = "removed";
  }
}
