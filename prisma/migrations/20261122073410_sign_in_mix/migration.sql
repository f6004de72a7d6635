-- CreateTable
CREATE TABLE "sign_in_days" (
    "userId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "phishingResistant" INTEGER NOT NULL DEFAULT 0,
    "password" INTEGER NOT NULL DEFAULT 0,
    "other" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sign_in_days_pkey" PRIMARY KEY ("userId","date")
);

-- CreateTable
CREATE TABLE "sign_in_mix_days" (
    "date" DATE NOT NULL,
    "waveKey" TEXT NOT NULL,
    "phishingResistant" INTEGER NOT NULL,
    "password" INTEGER NOT NULL,
    "other" INTEGER NOT NULL,

    CONSTRAINT "sign_in_mix_days_pkey" PRIMARY KEY ("date","waveKey")
);

-- CreateIndex
CREATE INDEX "sign_in_days_date_idx" ON "sign_in_days"("date");

-- CreateIndex
CREATE INDEX "sign_in_mix_days_waveKey_date_idx" ON "sign_in_mix_days"("waveKey", "date");
