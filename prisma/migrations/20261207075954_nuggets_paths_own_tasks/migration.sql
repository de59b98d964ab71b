-- CreateTable
CREATE TABLE "NarrativePath" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "startNodeId" TEXT,
    "publishedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NarrativePath_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NarrativePath_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NarrativeNode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT,
    "pathId" TEXT,
    "nuggetId" TEXT NOT NULL,
    "choices" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NarrativeNode_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NarrativeNode_pathId_fkey" FOREIGN KEY ("pathId") REFERENCES "NarrativePath" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NarrativeNode_nuggetId_fkey" FOREIGN KEY ("nuggetId") REFERENCES "Nugget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_NarrativeNode" ("choices", "createdAt", "id", "nuggetId", "teamId", "updatedAt") SELECT "choices", "createdAt", "id", "nuggetId", "teamId", "updatedAt" FROM "NarrativeNode";
DROP TABLE "NarrativeNode";
ALTER TABLE "new_NarrativeNode" RENAME TO "NarrativeNode";
CREATE INDEX "NarrativeNode_teamId_idx" ON "NarrativeNode"("teamId");
CREATE INDEX "NarrativeNode_pathId_idx" ON "NarrativeNode"("pathId");
CREATE INDEX "NarrativeNode_nuggetId_idx" ON "NarrativeNode"("nuggetId");
ALTER TABLE "Task" ADD COLUMN "ownerId" TEXT REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Task" ADD COLUMN "nuggetId" TEXT REFERENCES "Nugget" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Task" ADD COLUMN "source" JSONB;
CREATE INDEX "Task_ownerId_idx" ON "Task"("ownerId");
CREATE INDEX "Task_nuggetId_idx" ON "Task"("nuggetId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "NarrativePath_teamId_publishedAt_idx" ON "NarrativePath"("teamId", "publishedAt");
