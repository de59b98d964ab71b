import { SECTION_SEPARATOR } from './chunking'

/**
 * Proposing nuggets (micro-lessons) from a document's chunks, extractively (pure; docs/nuggets.md).
 * A section is a heading and its chunks (chunks never cross a heading, chunking.ts). A section too
 * long for one lesson is split at chunk boundaries; one too short joins the lesson before it (or the
 * next, at the start). Each proposal has a title (the heading, else its first sentence), a body (the
 * section's text, tidied, headings left out), key points (its most informative sentences, in reading
 * order) and concepts (its salient terms, heading words first; lower case, as mastery's concept keys).
 */

export interface ProposalChunk {
  index: number
  chunkType: string
  location: { heading: string | null; section: string | null; charStart: number; charEnd: number }
}

export interface NuggetProposal {
  title: string
  body: string
  keyPoints: string[]
  concepts: string[]
  /** the heading path, "Guide › Fractions", or null before the first heading */
  section: string | null
  chunkIndexes: number[]
}

export interface ProposalOptions {
  /** a section with fewer words joins a neighbour */
  minWords: number
  /** a lesson is split at a chunk boundary past this many words */
  maxWords: number
  keyPoints: number
  concepts: number
}

export const DEFAULT_PROPOSAL_OPTIONS: ProposalOptions = { minWords: 40, maxWords: 450, keyPoints: 3, concepts: 5 }

const TITLE_CHARS = 120

// Common English function words, and words that say nothing about a lesson's subject.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each either else even ever every few for from further had has have ' +
    'having he her here hers herself him himself his how however i if in into is it its itself just least less let like ' +
    'made make many may me might more most much must my myself neither no nor not now of off often on once one only or ' +
    'other others our ours ourselves out over own per rather same say says see seen she should since so some such than ' +
    'that the their theirs them themselves then there these they this those though through thus to too two under until ' +
    'up upon us use used uses using very was we well were what when where whether which while who whom whose why will ' +
    'with within without would yet you your yours yourself yourselves called part parts way ways thing things first ' +
    'second new get gets got take takes three four five example examples e.g i.e etc'
  ).split(/\s+/),
)

const WORD = /[\p{L}][\p{L}\p{N}'’-]*/gu

/** Lower-case content words of a text: letters first, no stopwords, at least 3 characters. */
export function contentWords(text: string): string[] {
  const words: string[] = []
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
      .toLowerCase()
      .replace(/['’]s$/, '')
      .replace(/[-'’]+$/, '')
    if (word.length >= 3 && !STOPWORDS.has(word)) words.push(word)
  }
  return words
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length

/** Whitespace tidied: no trailing spaces, runs of spaces inside lines collapsed (not in code), at most one blank line. */
export function tidyBody(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (/^\s{4}|\t/.test(line) ? line.replace(/\s+$/, '') : line.replace(/[ \t]+/g, ' ').trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Sentences of a text, paragraph by paragraph (a list item or a table row counts as one). */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = []
  for (const paragraph of text.split(/\n\s*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim()
    if (!flat) continue
    for (const part of flat.split(/(?<=[.!?])\s+(?=["'“‘(]?[\p{Lu}\p{N}])/u)) {
      const sentence = part.trim()
      if (sentence) sentences.push(sentence)
    }
  }
  return sentences
}

/** The first sentence, shortened at a word to the title's length. */
function titleFromText(body: string): string {
  const first = sentencesOf(body)[0] ?? ''
  const plain = first.replace(/[.!?:;]+$/, '')
  if (plain.length <= TITLE_CHARS) return plain
  const cut = plain.slice(0, TITLE_CHARS - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).trimEnd()}…`
}

/**
 * The most informative sentences: scored by how often the section uses their content words (the
 * mean, so a long sentence gains nothing by length), with a bonus for heading words; 5 to 40
 * words; the best `count`, in reading order.
 */
export function keyPointsOf(body: string, heading: string | null, count: number): string[] {
  const sentences = sentencesOf(body).filter((s) => {
    const n = countWords(s)
    return n >= 5 && n <= 40 && /[.!?]$/.test(s)
  })
  const frequency = termFrequencies(body)
  const headingWords = new Set(contentWords(heading ?? ''))
  const scored = sentences.map((sentence, position) => {
    const words = contentWords(sentence)
    const score = words.length
      ? words.reduce((sum, w) => sum + (frequency.get(w) ?? 0) + (headingWords.has(w) ? 2 : 0), 0) / words.length
      : 0
    return { sentence, position, score }
  })
  const seen = new Set<string>()
  return scored
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .filter((s) => !seen.has(s.sentence) && seen.add(s.sentence))
    .slice(0, count)
    .sort((a, b) => a.position - b.position)
    .map((s) => s.sentence)
}

function termFrequencies(text: string): Map<string, number> {
  const frequency = new Map<string, number>()
  for (const word of contentWords(text)) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  return frequency
}

/**
 * Salient terms: heading words (innermost heading first) that the body also uses or that name the
 * section, then the body's words used at least twice, most frequent first (ties alphabetically).
 */
export function conceptsOf(body: string, headingPath: string[], count: number): string[] {
  const frequency = termFrequencies(body)
  const concepts: string[] = []
  const add = (word: string) => {
    if (!concepts.includes(word)) concepts.push(word)
  }
  const innermost = headingPath.at(-1) ?? ''
  for (const word of contentWords(innermost)) add(word)
  for (const heading of headingPath.slice(0, -1).reverse())
    for (const word of contentWords(heading)) if (frequency.has(word)) add(word)
  const frequent = [...frequency.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  for (const [word] of frequent) add(word)
  return concepts.slice(0, count)
}

/** The section's text without its leading heading lines (they are the title and the section path). */
function withoutHeadings(text: string, headingPath: string[]): string {
  const paragraphs = text.split(/\n\s*\n/)
  while (paragraphs.length > 1 && headingPath.includes(paragraphs[0]!.trim())) paragraphs.shift()
  return paragraphs.join('\n\n')
}

interface Group {
  section: string | null
  headingPath: string[]
  chunks: ProposalChunk[]
  charStart: number
  charEnd: number
}

/** Chunks grouped by section, in document order; a long section split at chunk boundaries. */
function groupsOf(content: string, chunks: ProposalChunk[], options: ProposalOptions): Group[] {
  const groups: Group[] = []
  let current = null as Group | null
  const sorted = [...chunks].sort((a, b) => a.index - b.index)
  for (const chunk of sorted) {
    const { section, charEnd } = chunk.location
    // consecutive chunks of one section overlap: the next group starts where the last one ended
    const charStart: number =
      current && current.section === section
        ? Math.max(chunk.location.charStart, current.charEnd)
        : chunk.location.charStart
    const words = countWords(content.slice(current?.charStart ?? charStart, charEnd))
    if (current && current.section === section && words <= options.maxWords) {
      current.chunks.push(chunk)
      current.charEnd = charEnd
      continue
    }
    const headingPath: string[] = section ? section.split(SECTION_SEPARATOR) : []
    current = { section, headingPath, chunks: [chunk], charStart, charEnd }
    groups.push(current)
  }
  return groups
}

export function proposeNuggets(
  content: string,
  chunks: ProposalChunk[],
  options: ProposalOptions = DEFAULT_PROPOSAL_OPTIONS,
): NuggetProposal[] {
  const drafts: { group: Group; body: string; part: number }[] = []
  const parts = new Map<string | null, number>()
  for (const group of groupsOf(content, chunks, options)) {
    const body = tidyBody(withoutHeadings(content.slice(group.charStart, group.charEnd), group.headingPath))
    const part = (parts.get(group.section) ?? 0) + 1
    parts.set(group.section, part)
    drafts.push({ group, body, part })
  }
  // Short sections join the lesson before them (the first ones, the lesson after them).
  const merged: typeof drafts = []
  let carry: (typeof drafts)[number] | null = null
  for (const draft of drafts) {
    const short = countWords(draft.body) < options.minWords
    const previous = merged.at(-1)
    if (carry) {
      draft.body = tidyBody(`${carry.body}\n\n${draft.body}`)
      draft.group = { ...draft.group, chunks: [...carry.group.chunks, ...draft.group.chunks] }
      carry = null
    }
    if (short && previous && countWords(previous.body) + countWords(draft.body) <= options.maxWords) {
      previous.body = tidyBody(`${previous.body}\n\n${withHeading(draft)}`)
      previous.group = { ...previous.group, chunks: [...previous.group.chunks, ...draft.group.chunks] }
    } else if (short && !previous && draft !== drafts.at(-1)) {
      carry = { ...draft, body: withHeading(draft) }
    } else merged.push(draft)
  }
  return merged
    .filter((draft) => draft.body.length > 0)
    .map(({ group, body, part }) => {
      const heading = group.headingPath.at(-1) ?? null
      const base = heading ?? titleFromText(body)
      const title = (part > 1 ? `${base} (part ${part})` : base).slice(0, TITLE_CHARS)
      return {
        title,
        body,
        keyPoints: keyPointsOf(body, heading, options.keyPoints),
        concepts: conceptsOf(body, group.headingPath, options.concepts),
        section: group.section,
        chunkIndexes: group.chunks.map((c) => c.index),
      }
    })
}

/** A short section's text as it joins another lesson: its own heading kept as a line. */
function withHeading(draft: { group: Group; body: string }): string {
  const heading = draft.group.headingPath.at(-1)
  return heading ? `${heading}\n\n${draft.body}` : draft.body
}
