// The tenant clock: moving time makes the organisation live. Keys handed out get registered days later,
// some get lost, some people bring their own, people join and leave, keys get used.
import { issuedKeyModels, personalKeyModels } from "./catalog";
import type { TenantState } from "./model";
import { auditCredential } from "./routes-audits";
import { addPasswordSignIns, passwordStream } from "./sign-in-history";
import { guid, pick, weighted } from "./random";
import { addCredential, hireUser, issueKey, removeCredential, tenantNow, touchUser } from "./tenant";

const day = 86_400_000;

export interface AdvanceSummary {
  days: number;
  registered: number;
  lost: number;
  broughtOwn: number;
  issued: number;
  hired: number;
  disabled: number;
  deleted: number;
  signIns: number;
}

export function advance(t: TenantState, days: number): AdvanceSummary {
  const r = t.random;
  const summary: AdvanceSummary = {
    days,
    registered: 0,
    lost: 0,
    broughtOwn: 0,
    issued: 0,
    hired: 0,
    disabled: 0,
    deleted: 0,
    signIns: 0,
  };
  const whole = Math.max(0, Math.floor(days));
  const rest = days - whole;
  for (let d = 0; d < whole + (rest > 0 ? 1 : 0); d++) {
    const span = d < whole ? day : rest * day;
    const start = tenantNow(t);
    const end = start + span;
    for (const key of t.keys) {
      if (key.state === "issued" && key.registerAt !== null && key.registerAt <= end) {
        const user = t.users[key.holderIdx];
        if (!user || user.deletedAt !== null) continue;
        const model = issuedKeyModels.find((m) => m.aaGuid === key.aaGuid) ?? pick(r, issuedKeyModels);
        auditCredential(
          t,
          "registered",
          "user",
          addCredential(t, user, model, "hardware", Math.max(start, key.registerAt), key.idx),
        );
        summary.registered++;
      } else if (key.state === "registered" && !key.isPersonal && r() < 0.0003 * (span / day)) {
        key.state = "lost";
        summary.lost++;
      }
    }
    const users = t.users.length;
    for (let i = 0; i < users; i++) {
      const u = t.users[i]!;
      if (u.deletedAt !== null) continue;
      const x = r();
      const at = start + Math.floor(r() * span);
      if (u.userType === "Member" && u.accountEnabled && x < 0.00005) {
        const model = pick(r, personalKeyModels);
        const key = issueKey(t, u, model, at, true);
        auditCredential(
          t,
          "registered",
          "user",
          addCredential(t, u, model, "hardware", at, key.idx, "My own key"),
          at,
        );
        summary.broughtOwn++;
      } else if (
        u.userType === "Member" &&
        u.accountEnabled &&
        x < 0.0015 &&
        !(t.credentialsByUser.get(u.idx) ?? []).some((c) => c.kind === "hardware")
      ) {
        // The rollout continues: a key handed out, registered a few days later.
        const key = issueKey(t, u, weighted(r, issuedKeyModels), at, false);
        key.registerAt = at + Math.floor(r() * 10 + 1) * day;
        summary.issued++;
      } else if (u.accountEnabled && x > 0.9998) {
        u.accountEnabled = false;
        touchUser(t, u);
        summary.disabled++;
      } else if (!u.accountEnabled && x > 0.995) {
        u.deletedAt = at;
        for (const c of t.credentialsByUser.get(u.idx) ?? [])
          if (c.removedAt === null) removeCredential(t, c, at);
        touchUser(t, u);
        summary.deleted++;
      }
    }
    const hires = Math.floor(users * 0.0003 * (span / day) + r());
    for (let h = 0; h < hires; h++) {
      hireUser(t, start + Math.floor(r() * span));
      summary.hired++;
    }
    for (const c of t.credentials) {
      if (c.removedAt !== null || r() > 0.05 * (span / day)) continue;
      const user = t.users[c.userIdx];
      if (!user?.accountEnabled) continue;
      c.lastUsedAt = start + Math.floor(r() * span);
      t.signIns.push({
        id: guid(r),
        at: c.lastUsedAt,
        userIdx: c.userIdx,
        credentialId: c.id,
        method: c.kind === "hardware" ? "FIDO2 security key" : "Passkey (device-bound)",
        detail: c.model,
      });
      summary.signIns++;
    }
    summary.signIns += addPasswordSignIns(t, start, end, passwordStream(start));
    t.offsetMs += span;
  }
  // Keep 30 days of sign-ins, newest last.
  t.signIns.sort((a, b) => a.at - b.at);
  const cutoff = tenantNow(t) - 30 * day;
  const firstKept = t.signIns.findIndex((s) => s.at >= cutoff);
  if (firstKept > 0) t.signIns.splice(0, firstKept);
  return summary;
}
