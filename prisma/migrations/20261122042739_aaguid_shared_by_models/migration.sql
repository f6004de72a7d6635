-- AlterTable
ALTER TABLE "key_model_aaguids" DROP CONSTRAINT "key_model_aaguids_pkey",
ADD CONSTRAINT "key_model_aaguids_pkey" PRIMARY KEY ("aaguid", "modelId");
