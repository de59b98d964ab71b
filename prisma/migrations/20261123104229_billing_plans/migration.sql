-- Reference data: what each plan allows. Mirrors ENTITLEMENTS in app/modules/billing/plans.ts
-- (plans.server.test.ts compares them). SubscriptionStatus gained `paused` (SQLite stores enums as TEXT: no DDL).
INSERT INTO "PlanEntitlement" ("id", "plan", "aiRequestsPerMonth", "aiTokensPerMonth", "aiCostCentsPerMonth", "maxDocuments", "voiceTutor", "teams", "features", "createdAt", "updatedAt") VALUES
  ('plan_basic',   'basic',   25,   50000,   50,  10,   false, true, '{"certificates":false,"challengesCreate":false,"advancedAnalytics":false}', '2026-11-23T10:45:00.000+00:00', '2026-11-23T10:45:00.000+00:00'),
  ('plan_premium', 'premium', 1000, 2000000, 500, 100,  true,  true, '{"certificates":true,"challengesCreate":true,"advancedAnalytics":true}',    '2026-11-23T10:45:00.000+00:00', '2026-11-23T10:45:00.000+00:00'),
  ('plan_team',    'team',    1000, 2000000, 500, 1000, true,  true, '{"certificates":true,"challengesCreate":true,"advancedAnalytics":true}',    '2026-11-23T10:45:00.000+00:00', '2026-11-23T10:45:00.000+00:00')
ON CONFLICT ("plan") DO NOTHING;
