-- AlterTable
ALTER TABLE "directory_users" ADD COLUMN     "entraTaps" JSONB,
ADD COLUMN     "entraTapsReadAt" TIMESTAMP(3);
