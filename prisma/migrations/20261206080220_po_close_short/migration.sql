-- AlterEnum
ALTER TYPE "PurchaseOrderStatus" ADD VALUE 'closed';

-- AlterTable
ALTER TABLE "purchase_order_lines" ADD COLUMN     "cancelledQuantity" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "purchase_orders" ADD COLUMN     "closeReason" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "security_keys_poLineId_idx" ON "security_keys"("poLineId");
