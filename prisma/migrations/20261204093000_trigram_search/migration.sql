-- Contains-search ("Name, UPN or department" on the users list; the name on the cases
-- list) through trigram indexes. Without them every search read all directory users, twice (the page and
-- its count): 340 ms of database time per search at 100 000 users.
--
-- pg_trgm ships with PostgreSQL (contrib) and PGlite. It goes into schema "extensions" unless it is
-- installed already (a DBA may have done so where the portal's role may not create extensions); the
-- indexes name its operator class in whichever schema it lives. The lock keeps two schemas migrating at
-- once (tests, or two instances on a fresh database) from both creating it.
DO $$
DECLARE ext text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('keyfleet:pg_trgm'));
  SELECT n.nspname INTO ext FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF ext IS NULL THEN
    CREATE SCHEMA IF NOT EXISTS extensions;
    CREATE EXTENSION pg_trgm WITH SCHEMA extensions;
    ext := 'extensions';
  END IF;
  EXECUTE format('CREATE INDEX "directory_users_displayName_trgm_idx" ON directory_users USING gin ("displayName" %I.gin_trgm_ops)', ext);
  EXECUTE format('CREATE INDEX "directory_users_userPrincipalName_trgm_idx" ON directory_users USING gin ("userPrincipalName" %I.gin_trgm_ops)', ext);
  EXECUTE format('CREATE INDEX "directory_users_department_trgm_idx" ON directory_users USING gin (department %I.gin_trgm_ops)', ext);
END $$;
