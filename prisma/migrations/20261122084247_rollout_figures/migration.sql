-- CreateTable
CREATE TABLE "rollout_figures" (
    "dimension" "SnapshotDimension" NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "ord" TEXT NOT NULL,
    "target" INTEGER,
    "scope" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL,
    "registered" INTEGER NOT NULL,
    "assignedUnregistered" INTEGER NOT NULL,
    "used" INTEGER NOT NULL,
    "backup" INTEGER NOT NULL,
    "passwordless" INTEGER NOT NULL,
    "notReady" INTEGER NOT NULL,
    "registrationDays" JSONB,
    "hygiene" JSONB,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rollout_figures_pkey" PRIMARY KEY ("dimension","key")
);
