/** The TopicXpConfig columns the XP rules and the schedulers read (select them with a topic's identity). */
export const TOPIC_RULES_SELECT = {
  scheduler: true,
  maxXp: true,
  baseTaskXp: true,
  dailyFullTasks: true,
  dailyHalfTasks: true,
  multiplierFull: true,
  multiplierHalf: true,
  multiplierLow: true,
  multiplierEarly: true,
  levelThresholds: true,
  dailyXpDecay: true,
  minXpPercent: true,
  reviewIntervals: true,
} as const
