-- AlterTable
ALTER TABLE "approvals" ADD COLUMN     "payload" JSONB;

-- AlterTable
ALTER TABLE "rollout_waves" ADD COLUMN     "addedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "preferredModelId" TEXT,
ADD COLUMN     "removedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AddForeignKey
ALTER TABLE "rollout_waves" ADD CONSTRAINT "rollout_waves_preferredModelId_fkey" FOREIGN KEY ("preferredModelId") REFERENCES "key_models"("id") ON DELETE SET NULL ON UPDATE CASCADE;
