-- AlterTable
ALTER TABLE "QuestStep" ADD COLUMN "goal" JSONB;

-- AlterTable (ADD COLUMN instead of the engine's table rebuild: same result, no copy of User)
ALTER TABLE "User" ADD COLUMN "weekStartsOn" INTEGER NOT NULL DEFAULT 1;
