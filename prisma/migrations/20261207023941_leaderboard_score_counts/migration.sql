-- CreateTable
CREATE TABLE "LeaderboardScoreCount" (
    "challengeId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("challengeId", "level", "bucket"),
    CONSTRAINT "LeaderboardScoreCount_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID; -- by hand: the counts sit in the primary key's B-tree, so a range read is one walk over adjacent rows

-- Backfill from the entries there are (docs/challenges.md, "How a rank is read").
INSERT INTO "LeaderboardScoreCount" ("challengeId", "level", "bucket", "count")
SELECT "challengeId", 0, "score", COUNT(*) FROM "LeaderboardEntry" GROUP BY "challengeId", "score"
UNION ALL
SELECT "challengeId", 1, "score" >> 5, COUNT(*) FROM "LeaderboardEntry" GROUP BY "challengeId", "score" >> 5
UNION ALL
SELECT "challengeId", 2, "score" >> 10, COUNT(*) FROM "LeaderboardEntry" GROUP BY "challengeId", "score" >> 10;

-- The counts move in the statement that moves an entry, whoever runs it (a join, an answer's score update, a
-- leave, a cascade from a deleted user or challenge): the table always equals a GROUP BY of LeaderboardEntry.
-- `>>` is an arithmetic shift in SQLite (floor division), so negative scores land in ordered buckets too.
CREATE TRIGGER "LeaderboardEntry_score_count_insert" AFTER INSERT ON "LeaderboardEntry" BEGIN
    INSERT INTO "LeaderboardScoreCount" ("challengeId", "level", "bucket", "count")
    VALUES (new."challengeId", 0, new."score", 1), (new."challengeId", 1, new."score" >> 5, 1), (new."challengeId", 2, new."score" >> 10, 1)
    ON CONFLICT ("challengeId", "level", "bucket") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "LeaderboardEntry_score_count_delete" AFTER DELETE ON "LeaderboardEntry" BEGIN
    UPDATE "LeaderboardScoreCount" SET "count" = "count" - 1 WHERE "challengeId" = old."challengeId" AND "level" = 0 AND "bucket" = old."score";
    UPDATE "LeaderboardScoreCount" SET "count" = "count" - 1 WHERE "challengeId" = old."challengeId" AND "level" = 1 AND "bucket" = old."score" >> 5;
    UPDATE "LeaderboardScoreCount" SET "count" = "count" - 1 WHERE "challengeId" = old."challengeId" AND "level" = 2 AND "bucket" = old."score" >> 10;
END;

-- A new score: each level whose bucket changed moves one count from the old bucket to the new one.
CREATE TRIGGER "LeaderboardEntry_score_count_update" AFTER UPDATE OF "challengeId", "score" ON "LeaderboardEntry"
WHEN old."score" IS NOT new."score" OR old."challengeId" IS NOT new."challengeId"
BEGIN
    UPDATE "LeaderboardScoreCount" SET "count" = "count" - 1 WHERE "challengeId" = old."challengeId" AND "level" = 0 AND "bucket" = old."score";
    INSERT INTO "LeaderboardScoreCount" ("challengeId", "level", "bucket", "count")
    VALUES (new."challengeId", 0, new."score", 1)
    ON CONFLICT ("challengeId", "level", "bucket") DO UPDATE SET "count" = "count" + 1;

    UPDATE "LeaderboardScoreCount" SET "count" = "count" - 1
    WHERE "challengeId" = old."challengeId" AND "level" = 1 AND "bucket" = old."score" >> 5
      AND (old."challengeId" IS NOT new."challengeId" OR old."score" >> 5 IS NOT new."score" >> 5);
    INSERT INTO "LeaderboardScoreCount" ("challengeId", "level", "bucket", "count")
    SELECT new."challengeId", 1, new."score" >> 5, 1
    WHERE old."challengeId" IS NOT new."challengeId" OR old."score" >> 5 IS NOT new."score" >> 5
    ON CONFLICT ("challengeId", "level", "bucket") DO UPDATE SET "count" = "count" + 1;

    UPDATE "LeaderboardScoreCount" SET "count" = "count" - 1
    WHERE "challengeId" = old."challengeId" AND "level" = 2 AND "bucket" = old."score" >> 10
      AND (old."challengeId" IS NOT new."challengeId" OR old."score" >> 10 IS NOT new."score" >> 10);
    INSERT INTO "LeaderboardScoreCount" ("challengeId", "level", "bucket", "count")
    SELECT new."challengeId", 2, new."score" >> 10, 1
    WHERE old."challengeId" IS NOT new."challengeId" OR old."score" >> 10 IS NOT new."score" >> 10
    ON CONFLICT ("challengeId", "level", "bucket") DO UPDATE SET "count" = "count" + 1;
END;
