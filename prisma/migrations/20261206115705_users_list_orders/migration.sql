-- DropIndex
DROP INDEX "directory_users_department_idx";

-- CreateIndex
CREATE INDEX "directory_users_department_name_asc_idx" ON "directory_users"("department", "displayName", "id");

-- CreateIndex
CREATE INDEX "directory_users_department_name_desc_idx" ON "directory_users"("department" DESC NULLS LAST, "displayName", "id");

-- CreateIndex
CREATE INDEX "directory_users_office_name_asc_idx" ON "directory_users"("officeLocation", "displayName", "id");

-- CreateIndex
CREATE INDEX "directory_users_office_name_desc_idx" ON "directory_users"("officeLocation" DESC NULLS LAST, "displayName", "id");
