-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "EnrollmentStatus" ADD VALUE 'watching';
ALTER TYPE "EnrollmentStatus" ADD VALUE 'handed_over';

-- AlterTable
ALTER TABLE "enrollment_items" ADD COLUMN     "lastWatchAt" TIMESTAMP(3),
ADD COLUMN     "methodsBefore" TEXT[],
ADD COLUMN     "passExpiresAt" TIMESTAMP(3),
ADD COLUMN     "passIssuedAt" TIMESTAMP(3),
ADD COLUMN     "tapIssuanceId" TEXT,
ADD COLUMN     "watchUntil" TIMESTAMP(3);
