-- Optimistic-concurrency counters for the rows a submission reads, computes on and writes back
-- (app/modules/learning/submission.server.ts). Adding columns with a constant default keeps the
-- running version working while this one deploys.
ALTER TABLE "UserTopicXp" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ReviewCard" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Streak" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
