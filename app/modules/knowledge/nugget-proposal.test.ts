import { describe, expect, it } from 'vitest'
import { type ChunkOptions, chunkDocument } from './chunking'
import { type Block, assembleLayout } from './document-layout'
import {
  type ProposalOptions,
  conceptsOf,
  contentWords,
  keyPointsOf,
  proposeNuggets,
  sentencesOf,
  tidyBody,
} from './nugget-proposal'

const h = (text: string, level = 1): Block => ({ kind: 'heading', text, level })
const p = (text: string): Block => ({ kind: 'paragraph', text })
const small: ChunkOptions = { targetTokens: 12, maxTokens: 16, minTokens: 8, overlapTokens: 2 }
const opts: ProposalOptions = { minWords: 6, maxWords: 30, keyPoints: 2, concepts: 3 }

function propose(blocks: Block[], options = opts) {
  const layout = assembleLayout(blocks)
  return proposeNuggets(layout.content, chunkDocument(layout, small), options)
}

const PHOTO = 'Plants make sugar from light. Chlorophyll absorbs light in the leaves. The sugar feeds the plant.'
const RESP = 'Cells burn sugar for energy. Respiration releases carbon dioxide. Cells need oxygen for respiration.'

describe('proposeNuggets', () => {
  it.each([
    {
      name: 'one lesson per section, titled by its heading, the heading left out of the body',
      blocks: [h('Photosynthesis'), p(PHOTO), h('Respiration'), p(RESP)],
      want: [
        { title: 'Photosynthesis', body: PHOTO, section: 'Photosynthesis' },
        { title: 'Respiration', body: RESP, section: 'Respiration' },
      ],
    },
    {
      name: 'no heading: the first sentence is the title',
      blocks: [p(PHOTO)],
      want: [{ title: 'Plants make sugar from light', body: PHOTO, section: null }],
    },
    {
      name: 'a nested section keeps its path and is titled by the innermost heading',
      blocks: [h('Biology'), h('Cells', 2), p(RESP)],
      want: [{ title: 'Cells', body: RESP, section: 'Biology › Cells' }],
    },
    {
      name: 'a short section joins the lesson before it, its heading kept as a line',
      blocks: [h('Photosynthesis'), p(PHOTO), h('Note'), p('Leaves are green.')],
      want: [{ title: 'Photosynthesis', body: `${PHOTO}\n\nNote\n\nLeaves are green.`, section: 'Photosynthesis' }],
    },
    {
      name: 'a short first section joins the lesson after it',
      blocks: [h('Intro'), p('Read on.'), h('Respiration'), p(RESP)],
      want: [{ title: 'Respiration', body: `Intro\n\nRead on.\n\n${RESP}`, section: 'Respiration' }],
    },
    {
      name: 'a long section is split at chunk boundaries into parts, without repeating the overlap',
      blocks: [h('Energy'), p(PHOTO), p(RESP), p(PHOTO.replace(/sugar/g, 'glucose'))],
      want: [
        { title: 'Energy', section: 'Energy' },
        { title: 'Energy (part 2)', section: 'Energy' },
      ],
    },
    { name: 'an empty document proposes nothing', blocks: [], want: [] },
  ])('$name', ({ blocks, want }) => {
    const got = propose(blocks)
    expect(got.map((g) => ({ title: g.title, section: g.section }))).toEqual(
      want.map((w) => ({ title: w.title, section: w.section })),
    )
    got.forEach((g, i) => {
      if ('body' in want[i]! && want[i]!.body) expect(g.body).toBe(want[i]!.body)
      expect(g.chunkIndexes.length).toBeGreaterThan(0)
    })
  })

  it('every chunk of the document is the source of exactly one lesson', () => {
    const layout = assembleLayout([h('Energy'), p(PHOTO), p(RESP), p(PHOTO), h('Note'), p('Short.')])
    const chunks = chunkDocument(layout, small)
    const got = proposeNuggets(layout.content, chunks, opts)
    expect(got.flatMap((g) => g.chunkIndexes).sort((a, b) => a - b)).toEqual(chunks.map((c) => c.index))
    // the parts of a split section together hold its text once: no sentence twice
    const sentences = got.flatMap((g) => sentencesOf(g.body))
    expect(sentences.filter((s) => s === 'Cells burn sugar for energy.')).toHaveLength(1)
  })
})

describe('key points, concepts, text', () => {
  it.each([
    {
      name: 'the sentences using the section’s frequent words, in reading order',
      body: 'Fractions have a numerator. Add fractions with a common denominator. The weather was nice today. Fractions with a common denominator add their numerators.',
      heading: 'Adding fractions',
      count: 2,
      want: ['Add fractions with a common denominator.', 'Fractions with a common denominator add their numerators.'],
    },
    {
      name: 'fragments, headings and very short lines are no key points',
      body: 'Fractions\n\nSee below:\n\nFractions name parts of a whole thing.',
      heading: null,
      count: 3,
      want: ['Fractions name parts of a whole thing.'],
    },
    { name: 'nothing to pick from', body: '', heading: 'Empty', count: 3, want: [] },
  ])('keyPointsOf: $name', ({ body, heading, count, want }) => {
    expect(keyPointsOf(body, heading, count)).toEqual(want)
  })

  it.each([
    {
      name: 'heading words first, then words used twice or more, most frequent first',
      body: 'Mitochondria make energy. Energy comes from sugar. Sugar and energy and oxygen.',
      path: ['Biology', 'Cell organelles'],
      want: ['cell', 'organelles', 'energy', 'sugar'],
    },
    {
      name: 'outer heading words only when the body uses them; stopwords never',
      body: 'The biology of the cell. Biology is the study of life.',
      path: ['Biology', 'Basics'],
      want: ['basics', 'biology'],
    },
  ])('conceptsOf: $name', ({ body, path, want }) => {
    expect(conceptsOf(body, path, 5)).toEqual(want)
  })

  it.each([
    [
      'lower case, possessives and stopwords dropped',
      "The cell's Membrane and THE nucleus",
      ['cell', 'membrane', 'nucleus'],
    ],
    ['numbers and short words are no terms', 'A 42 is ok by me', []],
  ])('contentWords: %s', (_, text, want) => {
    expect(contentWords(text)).toEqual(want)
  })

  it.each([
    ['spaces collapsed, blank lines at most one', 'a   b  \n\n\n\nc', 'a b\n\nc'],
    ['indented code keeps its indentation', 'x\n    let  y = 1', 'x\n    let  y = 1'],
  ])('tidyBody: %s', (_, text, want) => {
    expect(tidyBody(text)).toBe(want)
  })
})
