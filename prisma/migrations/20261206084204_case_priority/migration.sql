-- CreateEnum
CREATE TYPE "CasePriority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "priority" "CasePriority" NOT NULL DEFAULT 'normal';

-- CreateIndex
CREATE INDEX "cases_assigneeId_idx" ON "cases"("assigneeId");
