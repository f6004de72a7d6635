-- AlterTable
ALTER TABLE "directory_users" ADD COLUMN     "siteSetManually" BOOLEAN NOT NULL DEFAULT false;
