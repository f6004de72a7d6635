-- AlterTable
ALTER TABLE "sign_in_days" ADD COLUMN     "hardwareKey" INTEGER NOT NULL DEFAULT 0;
