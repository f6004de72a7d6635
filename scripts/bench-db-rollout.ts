// The rollout dashboards' queries for `npm run bench:db`: seeds what they read on top of bench-db.ts's
// users and keys (credentials, assignments, waves, 30 days of sign-in days, 90 days of snapshots, cases,
// TAPs, the FIDO2 policy), then times each query the /rollout page and its drill-downs run.
import { buildServices } from "@/server/container";
import type { Database } from "@/server/db/client";
import { knownModels } from "@/prisma/seed/known-models";

type Measure = (label: string, fn: (i: number) => Promise<unknown>, targetMs?: number) => Promise<void>;
const TARGET_MS = 150;

export async function seedRollout(db: Database, users: number) {
  const sql = (q: string) => db.prisma.$executeRawUnsafe(q);
  const aaguids = knownModels.flatMap((m, i) => m.aaguids.map((a) => `('${a}', 'model-${i + 1}')`));
  await sql(
    `INSERT INTO key_model_aaguids (aaguid, "modelId") VALUES ${aaguids.join(",")} ON CONFLICT DO NOTHING`,
  );
  // Registration report state and a few disabled accounts (out of scope).
  await sql(`UPDATE directory_users SET "isPasswordlessCapable" = substr(id, 2)::int % 5 < 2, "accountEnabled" = substr(id, 2)::int % 50 <> 0,
    "methodsRegistered" = CASE WHEN substr(id, 2)::int % 7 = 0 THEN ARRAY['windowsHelloForBusiness'] ELSE '{}'::text[] END, "reportUpdatedAt" = now() - interval '3 hours'`);
  // Who holds which key since when, and the credential each assigned/active key carries.
  await sql(`INSERT INTO key_assignments (id, "keyId", "userId", kind, "assignedAt", "assignedById", "endedAt")
    SELECT 'a' || k.id, k.id, k."custodianId", CASE WHEN substr(k.id, 2)::int % 9 = 0 THEN 'backup' ELSE 'primary' END::"AssignmentKind", k."statusChangedAt", 'bench',
      CASE WHEN k.status = 'lost' THEN k."statusChangedAt" + interval '40 days' END
    FROM security_keys k WHERE k."custodianId" IS NOT NULL`);
  await sql(`INSERT INTO entra_credentials (id, "methodId", "userId", aaguid, "createdDateTime", "lastUsedAt", "firstSeenAt", "lastSeenAt", "keyId", "matchMethod", "isUnknownModel", "passkeyType", "updatedAt")
    SELECT 'c' || k.id, 'm' || k.id, k."custodianId", (SELECT min(aaguid) FROM key_model_aaguids a WHERE a."modelId" = k."modelId"),
      k."statusChangedAt" + ((substr(k.id, 2)::int % 12) || ' days')::interval,
      CASE WHEN substr(k.id, 2)::int % 10 < 3 THEN now() - ((substr(k.id, 2)::int % 60) || ' days')::interval END,
      now(), now(), k.id, 'inferred', false, 'deviceBound', now()
    FROM security_keys k WHERE k.status = 'active'`);
  // Personal keys of unknown models (3 %) and synced passkeys (5 %).
  await sql(`INSERT INTO entra_credentials (id, "methodId", "userId", aaguid, "createdDateTime", "firstSeenAt", "lastSeenAt", "isUnknownModel", "passkeyType", "updatedAt")
    SELECT 'p' || g, 'mp' || g, 'u' || g, CASE WHEN g % 2 = 0 THEN 'ffffffff-0000-4000-8000-00000000000' || (g % 10) ELSE 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' END,
      now() - ((g % 300) || ' days')::interval, now(), now(), true, CASE WHEN g % 2 = 0 THEN 'deviceBound' ELSE 'synced' END, now()
    FROM generate_series(1, ${users}) g WHERE g % 100 < 8`);
  // Six waves: four by department, one by site, one that matches nobody; users can be in two.
  const waves = [
    ["w1", "Engineering", null, -150, -110],
    ["w2", "Finance", null, -60, -10],
    ["w3", "Sales", null, -20, 40],
    ["w4", "IT", null, 14, 75],
    ["w5", null, "site-lon", -30, 20],
    ["w6", "Nobody", null, 30, 90],
  ] as const;
  for (const [id, dept, site, start, deadline] of waves) {
    await sql(`INSERT INTO rollout_waves (id, name, "groupIds", filter, "startDate", "registrationDeadline", "enforcementDate", "targetPercent", "requiresBackupKey", "updatedAt")
      VALUES ('${id}', 'Bench ${id}', '{}', '${JSON.stringify({ department: dept ? [dept] : [], siteId: site ? [site] : [] })}', now() + interval '${start} days', now() + interval '${deadline} days',
        now() + interval '${deadline + 30} days', 90, ${id === "w1"}, now())`);
    await sql(
      `INSERT INTO wave_members ("waveId", "userId") SELECT '${id}', id FROM directory_users WHERE ${dept ? `department = '${dept}'` : `"siteId" = '${site}'`}`,
    );
  }
  // 30 days of sign-in days: each user signs in on about a third of the days.
  await sql(`INSERT INTO sign_in_days ("userId", date, "phishingResistant", password, other, "hardwareKey")
    SELECT 'u' || g, (now() - (d || ' days')::interval)::date, CASE WHEN g % 5 < 2 THEN 1 + g % 3 ELSE 0 END, CASE WHEN g % 5 >= 2 THEN 1 + g % 2 ELSE g % 11 / 10 END, g % 13 / 12,
      CASE WHEN g % 5 < 2 THEN 1 ELSE 0 END
    FROM generate_series(1, ${users}) g CROSS JOIN generate_series(0, 29) d WHERE (g + d) % 3 = 0`);
  await sql(`INSERT INTO sign_in_mix_days (date, "waveKey", "phishingResistant", password, other)
    SELECT s.date, m."waveId", sum(s."phishingResistant"), sum(s.password), sum(s.other) FROM sign_in_days s JOIN wave_members m ON m."userId" = s."userId" GROUP BY 1, 2
    UNION ALL SELECT date, 'all', sum("phishingResistant"), sum(password), sum(other) FROM sign_in_days GROUP BY 1`);
  // 90 days of snapshots for every dimension.
  await sql(`INSERT INTO daily_snapshots (id, date, dimension, "dimensionKey", "usersInScope", registered, "withBackup", active, "keysInStock")
    SELECT gen_random_uuid()::text, (now() - (d || ' days')::interval)::date, x.dim::"SnapshotDimension", x.key, 20000, 8000 - d * 40, 900 - d * 5, 5000 - d * 20, 100
    FROM generate_series(0, 90) d CROSS JOIN (VALUES ('tenant', 'all'), ('wave', 'w1'), ('wave', 'w2'), ('wave', 'w3'), ('wave', 'w4'), ('wave', 'w5'), ('wave', 'w6'),
      ('department', 'Engineering'), ('department', 'Finance'), ('department', 'Sales'), ('department', 'IT'), ('department', 'Legal'),
      ('site', 'site-lon'), ('site', 'site-ber'), ('site', 'site-nyc'), ('site', 'site-sgp')) AS x(dim, key)`);
  // Twelve weeks of helpdesk history: lost keys and the TAPs issued for them.
  await sql(`INSERT INTO cases (id, kind, "userId", "openedById", "createdAt", "updatedAt")
    SELECT 'case' || g, (ARRAY['lost', 'stolen', 'damaged', 'forgotten'])[1 + g % 4]::"CaseKind", 'u' || (1 + g * 37 % ${users}), 'bench', now() - ((g % 84) || ' days')::interval, now()
    FROM generate_series(1, 2000) g`);
  await sql(`INSERT INTO tap_issuances (id, "userId", "issuedById", reason, "startAt", "lifetimeMinutes", "expiresAt", "createdAt")
    SELECT 'tap' || g, 'u' || (1 + g * 41 % ${users}), 'bench', 'bench', now(), 60, now(), now() - ((g % 84) || ' days')::interval FROM generate_series(1, 3000) g`);
  await db.prisma.setting.create({
    data: {
      key: "entra.fido2Policy",
      value: {
        id: "Fido2",
        state: "enabled",
        passkeyProfiles: [],
        includeTargets: [],
        excludeTargets: [],
        keyRestrictions: {
          isEnforced: true,
          enforcementType: "allow",
          aaGuids: knownModels.flatMap((m) => m.aaguids),
        },
      },
    },
  });
  await sql(
    `INSERT INTO sync_runs (id, kind, status, "startedAt", "finishedAt") SELECT 'run' || g, 'incremental', 'succeeded', now() - (g || ' hours')::interval, now() - (g || ' hours')::interval + interval '2 minutes' FROM generate_series(1, 2000) g`,
  );
  await sql(`VACUUM ANALYZE`);
}

export async function benchRollout(db: Database, measure: Measure) {
  const { dashboard, figures } = buildServices({ prisma: db.prisma }).rollout;
  const users = buildServices({ prisma: db.prisma }).dashboard;
  // Computing the figures reads every user: it runs after each sync (and wave change), never under a page.
  const refreshes: number[] = [];
  for (let i = 0; i < 3; i++) refreshes.push((await figures.refresh()).ms);
  console.log(
    `  rollout figures computed after a sync (background, 3 runs): ${refreshes.map((ms) => `${ms} ms`).join(", ")}`,
  );
  const waves = ["w1", "w2", "w3", "w4", "w5", "w6"];
  console.log(`  — rollout dashboards (target p95 ≤ ${TARGET_MS} ms each) —`);
  await measure("rollout: adoption by wave (+ everyone)", () => dashboard.adoption("wave"), TARGET_MS);
  await measure(
    "rollout: adoption by department (+ everyone)",
    () => dashboard.adoption("department"),
    TARGET_MS,
  );
  await measure("rollout: adoption by site (+ everyone)", () => dashboard.adoption("site"), TARGET_MS);
  await measure("rollout: readiness for enforcement", () => dashboard.readiness(), TARGET_MS);
  await measure("rollout: time to registration, everyone", () => dashboard.registrationTimes(), TARGET_MS);
  await measure(
    "rollout: time to registration, one wave",
    (i) => dashboard.registrationTimes(waves[i % 6]),
    TARGET_MS,
  );
  await measure("rollout: credential hygiene", (i) => dashboard.hygiene([30, 90, 180][i % 3]!), TARGET_MS);
  await measure("rollout: sign-in mix per wave + weekly", () => dashboard.signInMix(), TARGET_MS);
  await measure(
    "rollout: 90-day trend",
    (i) => dashboard.trends(i % 2 ? "wave" : "tenant", waves[i % 6]!),
    TARGET_MS,
  );
  await measure("rollout: lost keys and TAPs per week", () => dashboard.incidents(), TARGET_MS);
  await measure("rollout: stock against forecast", () => dashboard.stock(), TARGET_MS);
  await measure(
    "rollout: freshness + latest sync (the poll)",
    () => Promise.all([dashboard.freshness(), dashboard.latestSync()]),
    TARGET_MS,
  );
  const states = ["not_ready", "no_backup", "assigned_unregistered", "password_signins", "used"] as const;
  await measure(
    "users drill-down: wave + state, page 1 + count",
    (i) => users.listUsers({ waveId: waves[i % 5], state: states[i % 5], page: 1, pageSize: 25, sort: null }),
    TARGET_MS,
  );
  await measure(
    "users drill-down: hygiene state, everyone",
    (i) =>
      users.listUsers({
        state: (["cred_personal", "cred_stale", "cred_not_allowed"] as const)[i % 3],
        page: 1,
        pageSize: 25,
        sort: null,
      }),
    TARGET_MS,
  );
}
