-- CreateTable
CREATE TABLE "rollout_user_states" (
    "userId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "siteId" TEXT,
    "hardwareKeys" INTEGER NOT NULL,
    "isAssigned" BOOLEAN NOT NULL,
    "isUsed" BOOLEAN NOT NULL,
    "isReady" BOOLEAN NOT NULL,
    "isPasswordless" BOOLEAN NOT NULL,
    "hasPasswordSignIns" BOOLEAN NOT NULL,
    "hasNotProcured" BOOLEAN NOT NULL,
    "hasNotAllowed" BOOLEAN NOT NULL,
    "hasPersonal" BOOLEAN NOT NULL,
    "oldestUseAt" TIMESTAMP(3),

    CONSTRAINT "rollout_user_states_pkey" PRIMARY KEY ("userId")
);
