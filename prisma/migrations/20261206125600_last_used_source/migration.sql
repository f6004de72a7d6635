-- AlterTable
ALTER TABLE "entra_credentials" ADD COLUMN     "lastUsedSource" TEXT;

-- Before this column the sync read FIDO2 methods from v1.0 only (no lastUsedDateTime): every figure so far came from the sign-in log.
UPDATE "entra_credentials" SET "lastUsedSource" = 'sign_in_log' WHERE "lastUsedAt" IS NOT NULL;
