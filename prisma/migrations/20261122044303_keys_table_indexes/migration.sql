-- CreateIndex
CREATE INDEX "security_keys_status_siteId_serial_idx" ON "security_keys"("status", "siteId", "serial");

-- CreateIndex
CREATE INDEX "security_keys_statusChangedAt_id_idx" ON "security_keys"("statusChangedAt", "id");
