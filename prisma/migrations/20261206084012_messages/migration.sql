-- CreateTable
CREATE TABLE "message_templates" (
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "message_templates_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "message_opt_outs" (
    "userId" TEXT NOT NULL,
    "reason" TEXT,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedById" TEXT NOT NULL,

    CONSTRAINT "message_opt_outs_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "message_sends" (
    "id" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "message_sends_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "message_sends_day_idx" ON "message_sends"("day");

-- CreateIndex
CREATE INDEX "message_sends_at_idx" ON "message_sends"("at");

-- CreateIndex
CREATE UNIQUE INDEX "message_sends_template_userId_day_key" ON "message_sends"("template", "userId", "day");
