/**
 * Reading values out of a raw SQL row (`Row` of @libsql/client), for the few hot
 * paths that query without Prisma: a NULL (or a missing column) stays null.
 */
export const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value)
export const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value)
/** Timestamps as Prisma stores them (ISO text). */
export const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(String(value))
/** A JSON column or a JSON sub-select. */
export const parsedJson = (value: unknown): unknown =>
  value === null || value === undefined ? null : JSON.parse(String(value))
