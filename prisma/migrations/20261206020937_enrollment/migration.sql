-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('queued', 'started', 'posting', 'enrolled', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "enrollment_batches" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceRef" TEXT,
    "createdById" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrollment_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment_items" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "keyId" TEXT,
    "serial" TEXT,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'queued',
    "handover" "HandoverMethod",
    "challengeExpiresAt" TIMESTAMP(3),
    "postedAt" TIMESTAMP(3),
    "credentialId" TEXT,
    "methodId" TEXT,
    "enrolledAt" TIMESTAMP(3),
    "enrolledById" TEXT,
    "enrolledBy" TEXT,
    "message" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "enrollment_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "enrollment_batches_createdAt_idx" ON "enrollment_batches"("createdAt");

-- CreateIndex
CREATE INDEX "enrollment_items_batchId_status_idx" ON "enrollment_items"("batchId", "status");

-- CreateIndex
CREATE INDEX "enrollment_items_keyId_idx" ON "enrollment_items"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_items_batchId_position_key" ON "enrollment_items"("batchId", "position");

-- AddForeignKey
ALTER TABLE "enrollment_items" ADD CONSTRAINT "enrollment_items_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "enrollment_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
