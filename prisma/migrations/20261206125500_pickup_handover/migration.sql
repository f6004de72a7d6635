-- AlterEnum
ALTER TYPE "HandoverMethod" ADD VALUE 'pickup';

-- AlterTable
ALTER TABLE "key_assignments" ADD COLUMN     "readyAt" TIMESTAMP(3);
