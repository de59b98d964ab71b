import { publishedNuggetSql } from './nugget-rules'

/**
 * Which knowledge a user may read, as SQL conditions with one `?` for the user id: rows of the
 * platform library (teamId null) and of the teams the user is a member of, unless the team is
 * archived. One rule for retrieval, the tutor and search (docs/retrieval.md, docs/search.md).
 */
export function readableByTeamOf(alias: string): string {
  return `(${alias}."teamId" IS NULL OR ${alias}."teamId" IN (
    SELECT m."teamId" FROM "TeamMember" m JOIN "Team" t ON t."id" = m."teamId"
    WHERE m."userId" = ? AND t."archivedAt" IS NULL))`
}

/** Ready documents a user may read, as a condition on `d` (a Document). */
export const READABLE_DOCUMENT = `d."status" = 'ready' AND ${readableByTeamOf('d')}`

/** Ready, published nuggets a user may read, as a condition on `n` (a Nugget; publication: nugget-rules.ts). */
export const READABLE_NUGGET = `n."status" = 'ready' AND ${publishedNuggetSql('n')} AND ${readableByTeamOf('n')}`
