-- CreateEnum
CREATE TYPE "FormFactor" AS ENUM ('usb_a', 'usb_c', 'usb_a_nfc', 'usb_c_nfc', 'usb_c_lightning', 'nano', 'biometric', 'other');

-- CreateEnum
CREATE TYPE "UserVerification" AS ENUM ('pin', 'biometric', 'pin_and_biometric');

-- CreateEnum
CREATE TYPE "SiteKind" AS ENUM ('office', 'warehouse');

-- CreateEnum
CREATE TYPE "PurchaseOrderStatus" AS ENUM ('draft', 'ordered', 'partially_received', 'received', 'cancelled');

-- CreateEnum
CREATE TYPE "KeyStatus" AS ENUM ('ordered', 'in_stock', 'reserved', 'assigned', 'active', 'returned', 'lost', 'stolen', 'damaged', 'retired');

-- CreateEnum
CREATE TYPE "AssignmentKind" AS ENUM ('primary', 'backup');

-- CreateEnum
CREATE TYPE "HandoverMethod" AS ENUM ('in_person', 'shipped');

-- CreateEnum
CREATE TYPE "MatchMethod" AS ENUM ('enrolled', 'confirmed', 'inferred');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('open', 'confirmed', 'rejected');

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('lost', 'stolen', 'damaged', 'forgotten', 'offboarding');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('open', 'awaiting_approval', 'in_progress', 'waiting_registration', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "CaseStepKind" AS ENUM ('verify_identity', 'approve', 'revoke_credential', 'revoke_sessions', 'mark_key', 'reserve_replacement', 'issue_tap', 'close');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('pending', 'running', 'done', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "VerificationMethod" AS ENUM ('callback', 'manager_confirmation', 'video_id', 'in_person');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "SyncKind" AS ENUM ('full', 'incremental', 'user', 'snapshot');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "SnapshotDimension" AS ENUM ('tenant', 'wave', 'department', 'site');

-- CreateTable
CREATE TABLE "key_models" (
    "id" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "productName" TEXT NOT NULL,
    "formFactor" "FormFactor" NOT NULL,
    "certification" TEXT,
    "userVerification" "UserVerification" NOT NULL DEFAULT 'pin',
    "credentialSlots" INTEGER,
    "supportsPinComplexity" BOOLEAN NOT NULL DEFAULT false,
    "supportsForcedPinChange" BOOLEAN NOT NULL DEFAULT false,
    "unitCostCents" INTEGER NOT NULL DEFAULT 0,
    "leadTimeDays" INTEGER NOT NULL DEFAULT 14,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "key_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_model_aaguids" (
    "aaguid" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,

    CONSTRAINT "key_model_aaguids_pkey" PRIMARY KEY ("aaguid")
);

-- CreateTable
CREATE TABLE "sites" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SiteKind" NOT NULL DEFAULT 'office',
    "city" TEXT,
    "country" TEXT,
    "officeLocation" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reorder_points" (
    "siteId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "minimum" INTEGER NOT NULL,

    CONSTRAINT "reorder_points_pkey" PRIMARY KEY ("siteId","modelId")
);

-- CreateTable
CREATE TABLE "purchase_orders" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "status" "PurchaseOrderStatus" NOT NULL DEFAULT 'draft',
    "siteId" TEXT NOT NULL,
    "expectedDate" DATE,
    "orderedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "purchase_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "purchase_order_lines" (
    "id" TEXT NOT NULL,
    "purchaseOrderId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitCostCents" INTEGER NOT NULL,
    "receivedQuantity" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "purchase_order_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security_keys" (
    "id" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "poLineId" TEXT,
    "siteId" TEXT NOT NULL,
    "status" "KeyStatus" NOT NULL DEFAULT 'in_stock',
    "custodianId" TEXT,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "security_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_assignments" (
    "id" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "AssignmentKind" NOT NULL DEFAULT 'primary',
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedById" TEXT NOT NULL,
    "handover" "HandoverMethod",
    "confirmedById" TEXT,
    "shippedAt" TIMESTAMP(3),
    "carrierRef" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "returnCondition" TEXT,

    CONSTRAINT "key_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_users" (
    "id" TEXT NOT NULL,
    "userPrincipalName" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "givenName" TEXT,
    "surname" TEXT,
    "mail" TEXT,
    "department" TEXT,
    "jobTitle" TEXT,
    "officeLocation" TEXT,
    "siteId" TEXT,
    "managerId" TEXT,
    "phoneOnRecord" TEXT,
    "userType" TEXT NOT NULL DEFAULT 'member',
    "accountEnabled" BOOLEAN NOT NULL DEFAULT true,
    "deletedAt" TIMESTAMP(3),
    "isPrivileged" BOOLEAN NOT NULL DEFAULT false,
    "isMfaCapable" BOOLEAN NOT NULL DEFAULT false,
    "isPasswordlessCapable" BOOLEAN NOT NULL DEFAULT false,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "methodsRegistered" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reportUpdatedAt" TIMESTAMP(3),
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "directory_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entra_credentials" (
    "id" TEXT NOT NULL,
    "methodId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "aaguid" TEXT NOT NULL,
    "model" TEXT,
    "displayName" TEXT,
    "createdDateTime" TIMESTAMP(3),
    "attestationLevel" TEXT,
    "passkeyType" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),
    "keyId" TEXT,
    "matchMethod" "MatchMethod",
    "matchedAt" TIMESTAMP(3),
    "matchedById" TEXT,
    "isUnknownModel" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "entra_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_reviews" (
    "id" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "candidateKeyIds" TEXT[],
    "reason" TEXT NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'open',
    "decidedKeyId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tap_issuances" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "caseId" TEXT,
    "reason" TEXT NOT NULL,
    "verificationId" TEXT,
    "startAt" TIMESTAMP(3) NOT NULL,
    "lifetimeMinutes" INTEGER NOT NULL,
    "isUsableOnce" BOOLEAN NOT NULL DEFAULT true,
    "graphMethodId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "tap_issuances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'open',
    "userId" TEXT NOT NULL,
    "openedById" TEXT NOT NULL,
    "assigneeId" TEXT,
    "ticketRef" TEXT,
    "replacementKeyId" TEXT,
    "outcome" TEXT,
    "closeReason" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_keys" (
    "caseId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,

    CONSTRAINT "case_keys_pkey" PRIMARY KEY ("caseId","keyId")
);

-- CreateTable
CREATE TABLE "case_steps" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "CaseStepKind" NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "status" "StepStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "graphRef" TEXT,
    "lastError" TEXT,
    "detail" JSONB,
    "actorId" TEXT,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_evidence" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "method" "VerificationMethod" NOT NULL,
    "strength" INTEGER NOT NULL,
    "verifiedById" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reference" TEXT NOT NULL,

    CONSTRAINT "verification_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approvals" (
    "id" TEXT NOT NULL,
    "caseId" TEXT,
    "action" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "approverId" TEXT,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollout_waves" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "groupIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "filter" JSONB,
    "startDate" DATE NOT NULL,
    "registrationDeadline" DATE NOT NULL,
    "enforcementDate" DATE,
    "targetPercent" INTEGER NOT NULL DEFAULT 95,
    "requiresBackupKey" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rollout_waves_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wave_members" (
    "waveId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wave_members_pkey" PRIMARY KEY ("waveId","userId")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" TEXT NOT NULL,
    "kind" "SyncKind" NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "graphRequests" INTEGER NOT NULL DEFAULT 0,
    "throttled" INTEGER NOT NULL DEFAULT 0,
    "usersAdded" INTEGER NOT NULL DEFAULT 0,
    "usersChanged" INTEGER NOT NULL DEFAULT 0,
    "usersRemoved" INTEGER NOT NULL DEFAULT 0,
    "credentialsAdded" INTEGER NOT NULL DEFAULT 0,
    "credentialsChanged" INTEGER NOT NULL DEFAULT 0,
    "credentialsRemoved" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "reviewQueued" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "progress" JSONB,
    "deltaCursor" TEXT,
    "triggeredById" TEXT,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "daily_snapshots" (
    "id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "dimension" "SnapshotDimension" NOT NULL,
    "dimensionKey" TEXT NOT NULL,
    "usersInScope" INTEGER NOT NULL,
    "registered" INTEGER NOT NULL,
    "withBackup" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "keysInStock" INTEGER NOT NULL,

    CONSTRAINT "daily_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "key_models_vendor_productName_key" ON "key_models"("vendor", "productName");

-- CreateIndex
CREATE INDEX "key_model_aaguids_modelId_idx" ON "key_model_aaguids"("modelId");

-- CreateIndex
CREATE UNIQUE INDEX "sites_code_key" ON "sites"("code");

-- CreateIndex
CREATE UNIQUE INDEX "sites_officeLocation_key" ON "sites"("officeLocation");

-- CreateIndex
CREATE UNIQUE INDEX "purchase_orders_number_key" ON "purchase_orders"("number");

-- CreateIndex
CREATE INDEX "purchase_orders_status_expectedDate_idx" ON "purchase_orders"("status", "expectedDate");

-- CreateIndex
CREATE INDEX "purchase_order_lines_purchaseOrderId_idx" ON "purchase_order_lines"("purchaseOrderId");

-- CreateIndex
CREATE INDEX "security_keys_serial_idx" ON "security_keys"("serial");

-- CreateIndex
CREATE INDEX "security_keys_status_siteId_modelId_idx" ON "security_keys"("status", "siteId", "modelId");

-- CreateIndex
CREATE INDEX "security_keys_siteId_modelId_status_idx" ON "security_keys"("siteId", "modelId", "status");

-- CreateIndex
CREATE INDEX "security_keys_custodianId_idx" ON "security_keys"("custodianId");

-- CreateIndex
CREATE INDEX "security_keys_modelId_idx" ON "security_keys"("modelId");

-- CreateIndex
CREATE INDEX "security_keys_updatedAt_idx" ON "security_keys"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "security_keys_vendor_serial_key" ON "security_keys"("vendor", "serial");

-- CreateIndex
CREATE INDEX "key_assignments_keyId_endedAt_idx" ON "key_assignments"("keyId", "endedAt");

-- CreateIndex
CREATE INDEX "key_assignments_userId_endedAt_idx" ON "key_assignments"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "key_assignments_assignedAt_idx" ON "key_assignments"("assignedAt");

-- CreateIndex
CREATE UNIQUE INDEX "directory_users_userPrincipalName_key" ON "directory_users"("userPrincipalName");

-- CreateIndex
CREATE INDEX "directory_users_displayName_idx" ON "directory_users"("displayName");

-- CreateIndex
CREATE INDEX "directory_users_department_idx" ON "directory_users"("department");

-- CreateIndex
CREATE INDEX "directory_users_siteId_idx" ON "directory_users"("siteId");

-- CreateIndex
CREATE INDEX "directory_users_accountEnabled_deletedAt_idx" ON "directory_users"("accountEnabled", "deletedAt");

-- CreateIndex
CREATE UNIQUE INDEX "entra_credentials_keyId_key" ON "entra_credentials"("keyId");

-- CreateIndex
CREATE INDEX "entra_credentials_aaguid_idx" ON "entra_credentials"("aaguid");

-- CreateIndex
CREATE INDEX "entra_credentials_removedAt_idx" ON "entra_credentials"("removedAt");

-- CreateIndex
CREATE INDEX "entra_credentials_keyId_idx" ON "entra_credentials"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "entra_credentials_userId_methodId_key" ON "entra_credentials"("userId", "methodId");

-- CreateIndex
CREATE INDEX "match_reviews_status_createdAt_idx" ON "match_reviews"("status", "createdAt");

-- CreateIndex
CREATE INDEX "tap_issuances_userId_createdAt_idx" ON "tap_issuances"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "tap_issuances_issuedById_createdAt_idx" ON "tap_issuances"("issuedById", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "cases_number_key" ON "cases"("number");

-- CreateIndex
CREATE INDEX "cases_status_createdAt_idx" ON "cases"("status", "createdAt");

-- CreateIndex
CREATE INDEX "cases_userId_idx" ON "cases"("userId");

-- CreateIndex
CREATE INDEX "case_keys_keyId_idx" ON "case_keys"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "case_steps_caseId_kind_target_key" ON "case_steps"("caseId", "kind", "target");

-- CreateIndex
CREATE INDEX "verification_evidence_caseId_idx" ON "verification_evidence"("caseId");

-- CreateIndex
CREATE INDEX "approvals_status_requestedAt_idx" ON "approvals"("status", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "rollout_waves_name_key" ON "rollout_waves"("name");

-- CreateIndex
CREATE INDEX "wave_members_userId_idx" ON "wave_members"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");

-- CreateIndex
CREATE INDEX "audit_events_subjectType_subjectId_idx" ON "audit_events"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "audit_events_actorId_at_idx" ON "audit_events"("actorId", "at");

-- CreateIndex
CREATE INDEX "sync_runs_startedAt_idx" ON "sync_runs"("startedAt");

-- CreateIndex
CREATE INDEX "sync_runs_status_idx" ON "sync_runs"("status");

-- CreateIndex
CREATE INDEX "daily_snapshots_dimension_dimensionKey_date_idx" ON "daily_snapshots"("dimension", "dimensionKey", "date");

-- CreateIndex
CREATE UNIQUE INDEX "daily_snapshots_date_dimension_dimensionKey_key" ON "daily_snapshots"("date", "dimension", "dimensionKey");

-- AddForeignKey
ALTER TABLE "key_model_aaguids" ADD CONSTRAINT "key_model_aaguids_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "key_models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "key_models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "purchase_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "key_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_keys" ADD CONSTRAINT "security_keys_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "key_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_keys" ADD CONSTRAINT "security_keys_poLineId_fkey" FOREIGN KEY ("poLineId") REFERENCES "purchase_order_lines"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_keys" ADD CONSTRAINT "security_keys_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_keys" ADD CONSTRAINT "security_keys_custodianId_fkey" FOREIGN KEY ("custodianId") REFERENCES "directory_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_assignments" ADD CONSTRAINT "key_assignments_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "security_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_assignments" ADD CONSTRAINT "key_assignments_userId_fkey" FOREIGN KEY ("userId") REFERENCES "directory_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entra_credentials" ADD CONSTRAINT "entra_credentials_userId_fkey" FOREIGN KEY ("userId") REFERENCES "directory_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entra_credentials" ADD CONSTRAINT "entra_credentials_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "security_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_reviews" ADD CONSTRAINT "match_reviews_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "entra_credentials"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tap_issuances" ADD CONSTRAINT "tap_issuances_userId_fkey" FOREIGN KEY ("userId") REFERENCES "directory_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tap_issuances" ADD CONSTRAINT "tap_issuances_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_userId_fkey" FOREIGN KEY ("userId") REFERENCES "directory_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_replacementKeyId_fkey" FOREIGN KEY ("replacementKeyId") REFERENCES "security_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "security_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_steps" ADD CONSTRAINT "case_steps_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_evidence" ADD CONSTRAINT "verification_evidence_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wave_members" ADD CONSTRAINT "wave_members_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "rollout_waves"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wave_members" ADD CONSTRAINT "wave_members_userId_fkey" FOREIGN KEY ("userId") REFERENCES "directory_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma does not model triggers): the audit trail is append-only. Any UPDATE, DELETE
-- or TRUNCATE on audit_events is refused, whoever runs it. Statement-level, so even a statement that
-- would touch no rows is refused. Dropping the table or schema is still possible for an owner.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit events are never changed or removed; record a new event instead.';
END;
$$;

CREATE TRIGGER "audit_events_append_only"
BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
