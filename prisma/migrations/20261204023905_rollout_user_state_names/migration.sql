-- AlterTable
ALTER TABLE "rollout_user_states" ADD COLUMN     "displayName" TEXT NOT NULL DEFAULT '';
