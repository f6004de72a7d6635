-- CreateIndex
CREATE INDEX "cases_createdAt_number_idx" ON "cases"("createdAt" DESC, "number" DESC);
