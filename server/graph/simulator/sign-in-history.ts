// Sign-ins beyond each credential's last use: people without a key sign in with a password and a second
// factor every few weeks, a few key holders still fall back to the password — the share the rollout must
// bring down — and, in the month before the tenant starts, key holders used their keys now and then.
// They draw from their own random streams so the tenant's other draws (and every test built on them) stay put.
import type { TenantState } from "./model";
import { guid, seededRandom } from "./random";

const day = 86_400_000;
const RATE_WITHOUT_KEY = 0.05; // sign-ins per user and day
const RATE_WITH_KEY = 0.005;
const KEY_RATE = 0.1; // earlier uses of a credential, per day, before its last use

/** A random stream for the password sign-ins of one span of tenant time. */
export const passwordStream = (from: number) => seededRandom((Math.floor(from / day) * 2654435761) ^ 0x51c1);

export function addPasswordSignIns(t: TenantState, from: number, to: number, random: () => number): number {
  const days = (to - from) / day;
  let added = 0;
  for (const u of t.users) {
    if (u.deletedAt !== null || !u.accountEnabled || u.userType !== "Member") continue;
    const hasKey = (t.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null);
    const count = Math.floor((hasKey ? RATE_WITH_KEY : RATE_WITHOUT_KEY) * days + random());
    for (let i = 0; i < count; i++) {
      const secondFactor = u.hasAuthenticatorApp
        ? "Mobile app notification"
        : u.mobilePhone
          ? "Text message"
          : null;
      t.signIns.push({
        id: guid(random),
        at: from + Math.floor(random() * (to - from)),
        userIdx: u.idx,
        credentialId: null,
        method: "Password",
        detail: null,
        secondFactor,
      });
      added++;
    }
  }
  return added;
}

/** Earlier uses of each live credential in [from, its last use): the history a freshly made tenant lacks. */
export function addEarlierKeySignIns(t: TenantState, from: number, random: () => number): number {
  let added = 0;
  for (const c of t.credentials) {
    if (c.removedAt !== null || c.lastUsedAt === null) continue;
    const start = Math.max(from, c.createdAt);
    const count = Math.floor((KEY_RATE * Math.max(0, c.lastUsedAt - start)) / day + random());
    for (let i = 0; i < count; i++) {
      t.signIns.push({
        id: guid(random),
        at: start + Math.floor(random() * (c.lastUsedAt - start)),
        userIdx: c.userIdx,
        credentialId: c.id,
        method: c.kind === "hardware" ? "FIDO2 security key" : "Passkey (device-bound)",
        detail: c.model,
      });
      added++;
    }
  }
  return added;
}
