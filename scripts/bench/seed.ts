// A fleet a year into its rollout, seeded in seconds with generate_series: sites, the known models,
// reorder points, `users` directory users and `keys` security keys (in stock, reserved, assigned,
// active, lost, retired), and optionally a lost-key case for every lost key (one in ten still open).
// Shared by bench:db, bench:load and bench:pg-restart.
import type { Database } from "@/server/db/client";
import { knownModels } from "@/prisma/seed/known-models";

export const benchSites = ["LON", "BER", "NYC", "SGP", "AMS"] as const;

/** The serial of seeded key number g (1-based): searchable by prefix, unique. */
export const benchSerial = (g: number) => String(2100000 + g * 7);

export async function seedFleet(
  db: Database,
  { users, keys, cases = false }: { users: number; keys: number; cases?: boolean },
): Promise<void> {
  const p = db.prisma;
  await p.site.createMany({
    data: benchSites.map((code) => ({
      id: `site-${code.toLowerCase()}`,
      code,
      name: code,
      kind: code === "AMS" ? "warehouse" : "office",
    })),
  });
  await p.keyModel.createMany({
    data: knownModels.map(({ aaguids: _a, ...m }, i) => ({ ...m, id: `model-${i + 1}` })),
  });
  await p.reorderPoint.createMany({
    data: benchSites
      .slice(0, 4)
      .flatMap((c) =>
        [1, 2, 6].map((m) => ({ siteId: `site-${c.toLowerCase()}`, modelId: `model-${m}`, minimum: 20 })),
      ),
  });
  await p.$executeRawUnsafe(`
    INSERT INTO directory_users (id, "userPrincipalName", "displayName", department, "siteId", "officeLocation", "updatedAt")
    SELECT 'u' || g, 'user' || g || '@bench.example',
           (ARRAY['Amelia','Noah','Olivia','Liam','Maya','Lucas','Sofia','Ethan'])[1 + g % 8] || ' ' ||
           (ARRAY['Andersen','Okafor','Schmidt','Tanaka','Rossi','Dubois','Nguyen'])[1 + (g / 8) % 7] || ' ' || g,
           (ARRAY['Engineering','Finance','Sales','IT','Legal'])[1 + g % 5],
           'site-' || (ARRAY['lon','ber','nyc','sgp'])[1 + g % 4], NULL, now()
    FROM generate_series(1, ${users}) g`);
  await p.$executeRawUnsafe(`
    INSERT INTO security_keys (id, serial, vendor, "modelId", "siteId", status, "custodianId", "statusChangedAt", "updatedAt")
    SELECT 'k' || g, (2100000 + g * 7)::text, 'Yubico', 'model-' || (1 + g % 13), 'site-' || (ARRAY['lon','ber','nyc','sgp','ams'])[1 + g % 5],
           s.status::"KeyStatus",
           CASE WHEN s.status IN ('assigned', 'active', 'lost') THEN 'u' || (1 + g % ${users}) END,
           now() - ((g % 400) || ' days')::interval, now()
    FROM generate_series(1, ${keys}) g
    CROSS JOIN LATERAL (SELECT CASE
      WHEN g % 20 < 6 THEN 'in_stock' WHEN g % 20 = 6 THEN 'reserved' WHEN g % 20 < 11 THEN 'assigned'
      WHEN g % 20 < 18 THEN 'active' WHEN g % 20 = 18 THEN 'lost' ELSE 'retired' END AS status) s`);
  if (cases) await seedCases(db);
  // What autovacuum does in a live database: statistics and the visibility map (index-only scans).
  await p.$executeRawUnsafe(`VACUUM ANALYZE`);
  // And what the checkpointer does: write out the bulk load now, not in the middle of a measurement.
  // Needs superuser or pg_checkpoint; without, the server writes it out in its own time.
  await p.$executeRawUnsafe(`CHECKPOINT`).catch(() => undefined);
}

/** A case per lost key, with its key and its steps (identity verified, key marked; open ones half-way). */
async function seedCases(db: Database): Promise<void> {
  const p = db.prisma;
  await p.$executeRawUnsafe(`
    INSERT INTO cases (id, kind, status, "userId", "openedById", outcome, "closedAt", "createdAt", "updatedAt")
    SELECT 'c' || k.id, 'lost', CASE WHEN (substr(k.id, 2)::int / 20) % 10 = 0 THEN 'in_progress' ELSE 'closed' END::"CaseStatus",
           k."custodianId", 'demo-helpdesk', CASE WHEN (substr(k.id, 2)::int / 20) % 10 = 0 THEN NULL ELSE 'replaced' END,
           CASE WHEN (substr(k.id, 2)::int / 20) % 10 = 0 THEN NULL ELSE k."statusChangedAt" + interval '2 days' END,
           k."statusChangedAt", now()
    FROM security_keys k WHERE k.status = 'lost' AND k."custodianId" IS NOT NULL`);
  await p.$executeRawUnsafe(
    `INSERT INTO case_keys ("caseId", "keyId") SELECT 'c' || k.id, k.id FROM security_keys k WHERE k.status = 'lost' AND k."custodianId" IS NOT NULL`,
  );
  await p.$executeRawUnsafe(`
    INSERT INTO case_steps (id, "caseId", kind, target, status, "completedAt", "createdAt")
    SELECT c.id || '-' || s.kind, c.id, s.kind::"CaseStepKind", CASE WHEN s.kind = 'mark_key' THEN substr(c.id, 2) ELSE '' END,
           CASE WHEN c.status = 'closed' OR s.kind = 'verify_identity' THEN 'done' ELSE 'pending' END::"StepStatus",
           CASE WHEN c.status = 'closed' OR s.kind = 'verify_identity' THEN c."createdAt" END, c."createdAt"
    FROM cases c CROSS JOIN (VALUES ('verify_identity'), ('mark_key'), ('reserve_replacement')) s(kind)`);
}
