-- CreateTable
CREATE TABLE "CertificateDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "requirements" JSONB NOT NULL,
    "requiredLevel" TEXT NOT NULL DEFAULT 'proficient',
    "autoIssue" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CertificateDefinition_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LeagueCohort" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "weekStart" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "finalizedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LeagueMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "xp" INTEGER NOT NULL DEFAULT 0,
    "xpReachedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rank" INTEGER,
    "outcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LeagueMembership_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "LeagueCohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LeagueMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TeamCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "definitionId" TEXT,
    "criteria" JSONB NOT NULL,
    "evidence" JSONB,
    "issuedById" TEXT,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TeamCertificate_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TeamCertificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeamCertificate_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "CertificateDefinition" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TeamCertificate_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_TeamCertificate" ("code", "createdAt", "criteria", "evidence", "expiresAt", "id", "issuedAt", "issuedById", "revokedAt", "revokedReason", "teamId", "title", "updatedAt", "userId") SELECT "code", "createdAt", "criteria", "evidence", "expiresAt", "id", "issuedAt", "issuedById", "revokedAt", "revokedReason", "teamId", "title", "updatedAt", "userId" FROM "TeamCertificate";
DROP TABLE "TeamCertificate";
ALTER TABLE "new_TeamCertificate" RENAME TO "TeamCertificate";
CREATE UNIQUE INDEX "TeamCertificate_code_key" ON "TeamCertificate"("code");
CREATE INDEX "TeamCertificate_teamId_issuedAt_idx" ON "TeamCertificate"("teamId", "issuedAt");
CREATE INDEX "TeamCertificate_userId_idx" ON "TeamCertificate"("userId");
CREATE INDEX "TeamCertificate_definitionId_idx" ON "TeamCertificate"("definitionId");

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CertificateDefinition_teamId_idx" ON "CertificateDefinition"("teamId");

-- CreateIndex
CREATE INDEX "LeagueCohort_weekStart_tier_idx" ON "LeagueCohort"("weekStart", "tier");

-- CreateIndex
CREATE INDEX "LeagueCohort_finalizedAt_endsAt_idx" ON "LeagueCohort"("finalizedAt", "endsAt");

-- CreateIndex
CREATE INDEX "LeagueMembership_cohortId_xp_idx" ON "LeagueMembership"("cohortId", "xp");

-- AlterTable (ADD COLUMN instead of the engine's table rebuild: same result, no copy of User)
ALTER TABLE "User" ADD COLUMN "hideFromBoards" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "LeagueMembership_userId_weekStart_key" ON "LeagueMembership"("userId", "weekStart");
