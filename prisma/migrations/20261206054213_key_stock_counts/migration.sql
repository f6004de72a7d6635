-- CreateTable
CREATE TABLE "key_stock_counts" (
    "siteId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "status" "KeyStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "key_stock_counts_pkey" PRIMARY KEY ("siteId","modelId","status")
);

-- Hand-written (Prisma does not model triggers): key_stock_counts follows security_keys, so the stock
-- summary reads a few hundred counters instead of grouping every key. Statement-level triggers with
-- transition tables: a bulk receipt of 500 keys is one grouped upsert, not 500. Each statement applies
-- its net change per (site, model, status) in one upsert, in key order, so two transactions moving keys
-- in opposite directions lock the counters in the same order and never deadlock. The counters change in
-- the same transaction as the keys: exact at every commit, and a rollback undoes both.
CREATE FUNCTION "key_stock_counts_follow"() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "key_stock_counts" ("siteId", "modelId", "status", "count")
    SELECT "siteId", "modelId", "status", COUNT(*)::int FROM new_keys GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("siteId", "modelId", "status")
    DO UPDATE SET "count" = "key_stock_counts"."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "key_stock_counts" ("siteId", "modelId", "status", "count")
    SELECT "siteId", "modelId", "status", -COUNT(*)::int FROM old_keys GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("siteId", "modelId", "status")
    DO UPDATE SET "count" = "key_stock_counts"."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "key_stock_counts" ("siteId", "modelId", "status", "count")
    SELECT "siteId", "modelId", "status", SUM(d)::int FROM (
      SELECT "siteId", "modelId", "status", 1 AS d FROM new_keys
      UNION ALL
      SELECT "siteId", "modelId", "status", -1 AS d FROM old_keys
    ) moved
    GROUP BY 1, 2, 3 HAVING SUM(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("siteId", "modelId", "status")
    DO UPDATE SET "count" = "key_stock_counts"."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "security_keys_stock_counts_insert"
AFTER INSERT ON "security_keys" REFERENCING NEW TABLE AS new_keys
FOR EACH STATEMENT EXECUTE FUNCTION "key_stock_counts_follow"();

CREATE TRIGGER "security_keys_stock_counts_update"
AFTER UPDATE ON "security_keys" REFERENCING OLD TABLE AS old_keys NEW TABLE AS new_keys
FOR EACH STATEMENT EXECUTE FUNCTION "key_stock_counts_follow"();

CREATE TRIGGER "security_keys_stock_counts_delete"
AFTER DELETE ON "security_keys" REFERENCING OLD TABLE AS old_keys
FOR EACH STATEMENT EXECUTE FUNCTION "key_stock_counts_follow"();

CREATE FUNCTION "key_stock_counts_clear"() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "key_stock_counts";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "security_keys_stock_counts_truncate"
AFTER TRUNCATE ON "security_keys"
FOR EACH STATEMENT EXECUTE FUNCTION "key_stock_counts_clear"();

INSERT INTO "key_stock_counts" ("siteId", "modelId", "status", "count")
SELECT "siteId", "modelId", "status", COUNT(*)::int FROM "security_keys" GROUP BY 1, 2, 3;
