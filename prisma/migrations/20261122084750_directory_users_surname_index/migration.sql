-- CreateIndex
CREATE INDEX "directory_users_surname_idx" ON "directory_users"("surname");
