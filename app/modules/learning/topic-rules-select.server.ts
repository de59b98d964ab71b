/** The TopicXpConfig columns the XP rules and the schedulers read (select them with a topic's identity). */
export const TOPIC_RULE_COLUMNS = [
  'scheduler',
  'maxXp',
  'baseTaskXp',
  'dailyFullTasks',
  'dailyHalfTasks',
  'multiplierFull',
  'multiplierHalf',
  'multiplierLow',
  'multiplierEarly',
  'levelThresholds',
  'dailyXpDecay',
  'minXpPercent',
  'reviewIntervals',
] as const

/** The same columns as a Prisma select. */
export const TOPIC_RULES_SELECT = Object.fromEntries(TOPIC_RULE_COLUMNS.map((c) => [c, true])) as {
  [C in (typeof TOPIC_RULE_COLUMNS)[number]]: true
}
