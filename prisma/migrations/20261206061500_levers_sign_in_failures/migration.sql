-- CreateTable
CREATE TABLE "sign_in_failures" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "errorCode" INTEGER NOT NULL,
    "failureReason" TEXT,
    "keyDetail" TEXT,

    CONSTRAINT "sign_in_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sign_in_failures_at_idx" ON "sign_in_failures"("at");

-- CreateIndex
CREATE INDEX "sign_in_failures_userId_at_idx" ON "sign_in_failures"("userId", "at");
