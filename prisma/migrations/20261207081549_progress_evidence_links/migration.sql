-- Progress rows link the evidence behind a mastery change: the answer, or the tutor answer.
ALTER TABLE "Progress" ADD COLUMN "attemptId" TEXT REFERENCES "UserTaskAttempt" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Progress" ADD COLUMN "tutorMessageId" TEXT REFERENCES "TutorMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
