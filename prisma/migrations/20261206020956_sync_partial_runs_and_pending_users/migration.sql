-- AlterEnum
ALTER TYPE "SyncStatus" ADD VALUE 'partial';

-- AlterTable
ALTER TABLE "directory_users" ADD COLUMN     "methodsReadAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "failedUsers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pendingUsers" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "sync_pending_users" (
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "lastError" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_pending_users_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "sync_pending_users_since_idx" ON "sync_pending_users"("since");

-- CreateIndex
CREATE INDEX "directory_users_methodsReadAt_idx" ON "directory_users"("methodsReadAt");
