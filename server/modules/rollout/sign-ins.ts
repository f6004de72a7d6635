import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort, SignIn } from "@/server/graph/port";
import type { KeyFailure, KeyUse, SignInCount, SignInRepository } from "./sign-ins.repository";
import { DAY, isoDay } from "@/server/lib/time";

// The sign-in mix mirror, run after each sync. Sign-ins are read since the last run's end (the first run:
// the 30 days the log keeps), newest first, and counted per user and day by kind of method. Graph paces the
// log at 5 requests / 10 s (shared with the registration report), so a run reads at most `maxPages` pages:
// when more happened, the newest ones are counted and the run records that its window was sampled. The
// mix is a share, so a sample of the newest sign-ins still answers "how many still use a password".

export type SignInKind = "phishingResistant" | "password" | "other";

const LOG_RETENTION_DAYS = 30;
/** Sign-ins reach the log minutes late: a run stops this far before now and the next run starts there. */
export const SIGN_IN_LAG_MS = 10 * 60_000;
const KEEP_USER_DAYS = 35;
const KEEP_MIX_DAYS = 400;
const KEEP_FAILURE_DAYS = 180;

const PHISHING_RESISTANT =
  /fido|passkey|security key|windows hello|certificate|x\.?509|platform credential|secure enclave/i;
const PASSWORD = /^password(?!less)/i;
const SECURITY_KEY = /fido2|security key/i;

const succeededSteps = (s: Pick<SignIn, "authenticationDetails">) =>
  s.authenticationDetails.filter((d) => d.succeeded !== false);

/** A successful sign-in's kind: any phishing-resistant step wins; then a password; else other (TAP, phone sign-in, reuse). */
export function classifySignIn(
  s: Pick<SignIn, "authenticationDetails" | "authenticationMethodsUsed">,
): SignInKind {
  const steps = succeededSteps(s).map((d) => d.authenticationMethod ?? "");
  const methods = steps.length ? steps : (s.authenticationMethodsUsed ?? []);
  if (methods.some((m) => PHISHING_RESISTANT.test(m))) return "phishingResistant";
  if (methods.some((m) => PASSWORD.test(m))) return "password";
  return "other";
}

/** The FIDO2 security-key step of a sign-in, if it had one: the funnel's "used" and a credential's last use. */
export function securityKeyStep(s: Pick<SignIn, "authenticationDetails">): { detail: string | null } | null {
  const step = succeededSteps(s).find((d) => SECURITY_KEY.test(d.authenticationMethod ?? ""));
  return step ? { detail: step.authenticationMethodDetail ?? null } : null;
}

/** A failed sign-in whose failing step was a FIDO2 security key (the levers' failure figures), else null. */
export function keyFailure(s: SignIn): KeyFailure | null {
  if (!s.userId || !s.status?.errorCode) return null;
  const step = s.authenticationDetails.find(
    (d) => d.succeeded === false && SECURITY_KEY.test(d.authenticationMethod ?? ""),
  );
  if (!step) return null;
  return {
    id: s.id,
    userId: s.userId,
    at: s.createdDateTime,
    errorCode: s.status.errorCode,
    failureReason: s.status.failureReason ?? step.authenticationStepResultDetail ?? null,
    keyDetail: step.authenticationMethodDetail ?? null,
  };
}

export interface SignInCursor {
  through: string;
  from: string;
  signIns: number;
  pages: number;
  isSampled: boolean;
}

export function makeSignInIngest({
  uow,
  repo,
  clock,
  maxPages = 10,
}: {
  uow: UnitOfWork;
  repo: SignInRepository;
  clock: () => Date;
  maxPages?: number;
}) {
  return {
    async ingest(graph: GraphPort): Promise<SignInCursor | null> {
      const now = clock();
      const through = new Date(now.getTime() - SIGN_IN_LAG_MS);
      const previous = (await repo.cursor(uow.db)) as Partial<SignInCursor> | null;
      const floor = new Date(now.getTime() - LOG_RETENTION_DAYS * DAY);
      const last = previous?.through ? new Date(previous.through) : null;
      const since = last && last > floor ? last : floor;
      if (since >= through) return null;

      const counts = new Map<string, SignInCount>();
      const keyUse = new Map<string, KeyUse>(); // per user: the newest security-key sign-in
      const failures: KeyFailure[] = [];
      let pages = 0;
      let signIns = 0;
      let isSampled = false;
      for await (const page of graph.listSignIns({
        since: since.toISOString(),
        until: through.toISOString(),
        top: 1000,
      })) {
        pages++;
        for (const s of page) {
          const at = Date.parse(s.createdDateTime);
          // Boundaries: (since, through]; the previous run counted `since` itself. Failed sign-ins used no
          // method: only those that failed at a security key are kept, apart.
          if (!s.userId || !(at > since.getTime() && at <= through.getTime())) continue;
          if (s.status?.errorCode) {
            const failure = keyFailure(s);
            if (failure) failures.push(failure);
            continue;
          }
          const key = `${s.userId}|${s.createdDateTime.slice(0, 10)}`;
          const row = counts.get(key) ?? {
            userId: s.userId,
            date: s.createdDateTime.slice(0, 10),
            phishingResistant: 0,
            password: 0,
            other: 0,
            hardwareKey: 0,
          };
          row[classifySignIn(s)]++;
          const step = securityKeyStep(s);
          if (step) {
            row.hardwareKey++;
            if ((keyUse.get(s.userId)?.at ?? "") < s.createdDateTime)
              keyUse.set(s.userId, { userId: s.userId, at: s.createdDateTime, detail: step.detail });
          }
          counts.set(key, row);
          signIns++;
        }
        if (pages >= maxPages && page.length >= 1000) {
          isSampled = true;
          break;
        }
      }
      const rows = [...counts.values()];
      const days = [...new Set(rows.map((r) => r.date))];
      const cursor: SignInCursor = {
        through: through.toISOString(),
        from: since.toISOString(),
        signIns,
        pages,
        isSampled,
      };
      await uow.run(async (tx) => {
        await repo.add(tx, rows);
        await repo.addFailures(tx, failures, new Date(now.getTime() - KEEP_FAILURE_DAYS * DAY));
        await repo.stampKeyUse(tx, [...keyUse.values()], now);
        await repo.rewriteMix(tx, days);
        await repo.prune(
          tx,
          isoDay(new Date(now.getTime() - KEEP_USER_DAYS * DAY)),
          isoDay(new Date(now.getTime() - KEEP_MIX_DAYS * DAY)),
        );
        await repo.setCursor(tx, { ...cursor });
      });
      return cursor;
    },

    /** A wave's share of the days held, after its members changed (new wave, new filter). */
    async rewriteWave(waveId: string) {
      const days = await repo.daysHeld(uow.db);
      await uow.run((tx) => repo.rewriteMix(tx, days, waveId));
    },
  };
}

export type SignInIngest = ReturnType<typeof makeSignInIngest>;
