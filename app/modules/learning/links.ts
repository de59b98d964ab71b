/** Where the learner's pages link to; the practice and review pages are routes of their own. */
export const LEARN_PATH = '/learn'
export const PROGRESS_PATH = '/progress'
export const REVIEW_PATH = '/reviews'

export const practicePath = (topicSlug: string) => `/practice/${encodeURIComponent(topicSlug)}`
export const subjectPath = (subjectSlug: string) => `${LEARN_PATH}/${encodeURIComponent(subjectSlug)}`
export const topicPath = (subjectSlug: string, topicSlug: string) =>
  `${subjectPath(subjectSlug)}/${encodeURIComponent(topicSlug)}`

/** Subject and topic slugs as the content sync accepts them (content-schema.ts). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const MAX_SLUG_LENGTH = 100
