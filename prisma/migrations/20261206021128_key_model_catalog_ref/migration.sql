-- AlterTable
ALTER TABLE "key_models" ADD COLUMN     "catalogAaguid" TEXT;
