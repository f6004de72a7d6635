-- AlterTable
ALTER TABLE "approvals" ADD COLUMN     "decisionNote" TEXT;
