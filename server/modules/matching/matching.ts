// Inference, the weakest of the three ways (docs/ARCHITECTURE.md, "Linking a credential to a key") to link a credential to a physical key, with
// precision first: a wrong link is worse than no link.
//
// A credential fits a key when the key's model claims the credential's AAGUID and the credential was
// created after the key was assigned to the credential's user. A credential is linked when it fits exactly
// one open key and no other credential fits only that key. Linking removes both from play, which may leave
// another pair unique — e.g. a user given two keys of one model months apart: the older credential
// predates the newer key, so it can only be the older key, and then the newer credential can only be the
// newer key. Whatever still has a fit
// but no unique one goes to the review queue; a credential with no fit is a personal or unknown key.

export interface CandidateCredential {
  id: string;
  userId: string;
  aaguid: string;
  createdAt: Date | null;
}

export interface CandidateKey {
  id: string;
  userId: string;
  aaguids: readonly string[];
  assignedAt: Date;
}

export interface InferredMatch {
  credentialId: string;
  keyId: string;
}

export interface ReviewItem {
  credentialId: string;
  candidateKeyIds: string[];
  reason: string;
}

// Entra gives a credential's createdDateTime to the whole second ("…T14:52:25Z"); our assignment time has
// milliseconds. A key registered in the second it was handed over must still fit, so the assignment time
// is compared at Entra's precision.
const toWholeSecond = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;

const fits = (c: CandidateCredential, k: CandidateKey) =>
  c.createdAt !== null &&
  k.aaguids.includes(c.aaguid.toLowerCase()) &&
  toWholeSecond(k.assignedAt) <= c.createdAt.getTime();

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function inferMatches(
  credentials: readonly CandidateCredential[],
  keys: readonly CandidateKey[],
): { matches: InferredMatch[]; reviews: ReviewItem[] } {
  const matches: InferredMatch[] = [];
  const reviews: ReviewItem[] = [];
  const keysByUser = groupBy(keys, (k) => k.userId);
  for (const [userId, userCreds] of groupBy(credentials, (c) => c.userId)) {
    const openKeys = new Set(keysByUser.get(userId) ?? []);
    const openCreds = new Set(userCreds);
    for (let changed = true; changed;) {
      changed = false;
      const forced = new Map<CandidateKey, CandidateCredential[]>();
      for (const c of openCreds) {
        const cand = [...openKeys].filter((k) => fits(c, k));
        if (cand.length === 1) forced.set(cand[0]!, [...(forced.get(cand[0]!) ?? []), c]);
      }
      for (const [key, creds] of forced) {
        // Two credentials that can each only be this key: one of them is not a key we handed out.
        if (creds.length !== 1) continue;
        matches.push({ credentialId: creds[0]!.id, keyId: key.id });
        openCreds.delete(creds[0]!);
        openKeys.delete(key);
        changed = true;
      }
    }
    for (const c of openCreds) {
      const cand = [...openKeys].filter((k) => fits(c, k));
      if (!cand.length) continue;
      reviews.push({
        credentialId: c.id,
        candidateKeyIds: cand.map((k) => k.id),
        reason:
          cand.length > 1
            ? "The user holds several assigned keys this credential could be."
            : "Several of the user's credentials could be this key.",
      });
    }
  }
  return { matches, reviews };
}
