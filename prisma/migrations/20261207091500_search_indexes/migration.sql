-- Full-text indexes for the search box (issue 15, item 2; docs/search.md). Like
-- "DocumentChunkFts", each stores its own copy of the text keyed by the source row's id (our keys
-- are text, and VACUUM may renumber rowids), is written only by these triggers, and is backfilled
-- here. Diacritics are folded (remove_diacritics 2: "resume" finds "résumé"); prefix indexes of 2
-- and 3 characters keep a short "frac*" cheap. The persisted 'rank' gives each column its bm25
-- weight, so that `ORDER BY rank` ranks a title match above a body match (the id column weighs 0).

CREATE VIRTUAL TABLE "TopicFts" USING fts5("topicId" UNINDEXED, "title", "description", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO "TopicFts" ("TopicFts", "rank") VALUES ('rank', 'bm25(0.0, 10.0, 1.0)');
INSERT INTO "TopicFts" ("topicId", "title", "description") SELECT "id", "title", coalesce("description", '') FROM "TopicXpConfig";

CREATE TRIGGER "TopicXpConfig_search_insert" AFTER INSERT ON "TopicXpConfig" BEGIN
    INSERT INTO "TopicFts" ("topicId", "title", "description") VALUES (new."id", new."title", coalesce(new."description", ''));
END;
CREATE TRIGGER "TopicXpConfig_search_update" AFTER UPDATE OF "title", "description" ON "TopicXpConfig" BEGIN
    DELETE FROM "TopicFts" WHERE "topicId" = old."id";
    INSERT INTO "TopicFts" ("topicId", "title", "description") VALUES (new."id", new."title", coalesce(new."description", ''));
END;
CREATE TRIGGER "TopicXpConfig_search_delete" AFTER DELETE ON "TopicXpConfig" BEGIN
    DELETE FROM "TopicFts" WHERE "topicId" = old."id";
END;

CREATE VIRTUAL TABLE "TaskFts" USING fts5("taskId" UNINDEXED, "prompt", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO "TaskFts" ("taskId", "prompt") SELECT "id", "prompt" FROM "Task";

CREATE TRIGGER "Task_search_insert" AFTER INSERT ON "Task" BEGIN
    INSERT INTO "TaskFts" ("taskId", "prompt") VALUES (new."id", new."prompt");
END;
CREATE TRIGGER "Task_search_update" AFTER UPDATE OF "prompt" ON "Task" BEGIN
    DELETE FROM "TaskFts" WHERE "taskId" = old."id";
    INSERT INTO "TaskFts" ("taskId", "prompt") VALUES (new."id", new."prompt");
END;
CREATE TRIGGER "Task_search_delete" AFTER DELETE ON "Task" BEGIN
    DELETE FROM "TaskFts" WHERE "taskId" = old."id";
END;

CREATE VIRTUAL TABLE "QuestFts" USING fts5("questId" UNINDEXED, "title", "description", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO "QuestFts" ("QuestFts", "rank") VALUES ('rank', 'bm25(0.0, 10.0, 1.0)');
INSERT INTO "QuestFts" ("questId", "title", "description") SELECT "id", "title", coalesce("description", '') FROM "Quest";

CREATE TRIGGER "Quest_search_insert" AFTER INSERT ON "Quest" BEGIN
    INSERT INTO "QuestFts" ("questId", "title", "description") VALUES (new."id", new."title", coalesce(new."description", ''));
END;
CREATE TRIGGER "Quest_search_update" AFTER UPDATE OF "title", "description" ON "Quest" BEGIN
    DELETE FROM "QuestFts" WHERE "questId" = old."id";
    INSERT INTO "QuestFts" ("questId", "title", "description") VALUES (new."id", new."title", coalesce(new."description", ''));
END;
CREATE TRIGGER "Quest_search_delete" AFTER DELETE ON "Quest" BEGIN
    DELETE FROM "QuestFts" WHERE "questId" = old."id";
END;

CREATE VIRTUAL TABLE "NuggetFts" USING fts5("nuggetId" UNINDEXED, "title", "content", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO "NuggetFts" ("NuggetFts", "rank") VALUES ('rank', 'bm25(0.0, 10.0, 1.0)');
INSERT INTO "NuggetFts" ("nuggetId", "title", "content") SELECT "id", coalesce("title", ''), "content" FROM "Nugget";

CREATE TRIGGER "Nugget_search_insert" AFTER INSERT ON "Nugget" BEGIN
    INSERT INTO "NuggetFts" ("nuggetId", "title", "content") VALUES (new."id", coalesce(new."title", ''), new."content");
END;
CREATE TRIGGER "Nugget_search_update" AFTER UPDATE OF "title", "content" ON "Nugget" BEGIN
    DELETE FROM "NuggetFts" WHERE "nuggetId" = old."id";
    INSERT INTO "NuggetFts" ("nuggetId", "title", "content") VALUES (new."id", coalesce(new."title", ''), new."content");
END;
CREATE TRIGGER "Nugget_search_delete" AFTER DELETE ON "Nugget" BEGIN
    DELETE FROM "NuggetFts" WHERE "nuggetId" = old."id";
END;

-- Document titles; their text is searched through "DocumentChunkFts".
CREATE VIRTUAL TABLE "DocumentFts" USING fts5("documentId" UNINDEXED, "title", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO "DocumentFts" ("documentId", "title") SELECT "id", "title" FROM "Document";

CREATE TRIGGER "Document_search_insert" AFTER INSERT ON "Document" BEGIN
    INSERT INTO "DocumentFts" ("documentId", "title") VALUES (new."id", new."title");
END;
CREATE TRIGGER "Document_search_update" AFTER UPDATE OF "title" ON "Document" BEGIN
    DELETE FROM "DocumentFts" WHERE "documentId" = old."id";
    INSERT INTO "DocumentFts" ("documentId", "title") VALUES (new."id", new."title");
END;
CREATE TRIGGER "Document_search_delete" AFTER DELETE ON "Document" BEGIN
    DELETE FROM "DocumentFts" WHERE "documentId" = old."id";
END;
