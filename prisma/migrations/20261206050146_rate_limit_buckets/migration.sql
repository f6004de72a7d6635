-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "granted" BOOLEAN NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("name","key")
);

-- CreateIndex
CREATE INDEX "rate_limit_buckets_name_at_idx" ON "rate_limit_buckets"("name", "at");
