import { describe, expect, it } from 'vitest'
import {
  MAX_QUERY_TERMS,
  MAX_VECTOR_K,
  RRF_K,
  type RankedList,
  ftsMatchExpression,
  needsAnotherVectorPass,
  passageLimit,
  reciprocalRankFusion,
  vectorPassK,
} from './retrieval-rules'

describe('ftsMatchExpression', () => {
  it.each([
    ['fractions', '"fractions"'],
    ['Adding  Fractions?', '"adding" OR "fractions"'],
    ['fractions fractions FRACTIONS', '"fractions"'],
    ['NEAR(a b)', '"near" OR "a" OR "b"'],
    ['"unbalanced', '"unbalanced"'],
    ['say "hi" there', '"say" OR "hi" OR "there"'],
    ['prefix*', '"prefix"'],
    ['*', null],
    ['a AND b OR NOT c', '"a" OR "and" OR "b" OR "or" OR "not" OR "c"'],
    ['content:secret', '"content" OR "secret"'],
    ['^start -minus +plus', '"start" OR "minus" OR "plus"'],
    [`'); DROP TABLE "DocumentChunk"; --`, '"drop" OR "table" OR "documentchunk"'],
    ['{chunkId content}: x', '"chunkid" OR "content" OR "x"'],
    ['Brüche und Äpfel', '"brüche" OR "und" OR "äpfel"'],
    ['ｆｕｌｌwidth', '"fullwidth"'],
    ['x² + 3', '"x2" OR "3"'],
    ['', null],
    ['   ', null],
    ['?!.,;:()[]{}"\'*^-+', null],
  ])('%j → %j', (text, expected) => {
    expect(ftsMatchExpression(text)).toBe(expected)
  })

  it('keeps at most MAX_QUERY_TERMS distinct terms and drops overlong ones', () => {
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')
    expect(ftsMatchExpression(many)!.split(' OR ')).toHaveLength(MAX_QUERY_TERMS)
    expect(ftsMatchExpression(`${'a'.repeat(65)} short`)).toBe('"short"')
  })

  it('never lets a double quote or an operator character into a term', () => {
    const hostile = ['"a" NEAR("b" "c", 2)', 'a"*"b', '"\u0000"', 'col:"x" OR y*']
    for (const text of hostile) {
      const expression = ftsMatchExpression(text)
      for (const term of expression?.split(' OR ') ?? []) expect(term).toMatch(/^"[\p{L}\p{N}]+"$/u)
    }
  })
})

describe('passageLimit', () => {
  it.each([
    [undefined, 8],
    [0, 1],
    [-5, 1],
    [3.7, 3],
    [10, 10],
    [1000, 50],
    [Number.NaN, 8],
    [Number.POSITIVE_INFINITY, 8],
  ])('%s → %s', (requested, expected) => {
    expect(passageLimit(requested)).toBe(expected)
  })
})

describe('vector passes', () => {
  it.each([
    [8, 0, 80],
    [8, 1, 800],
    [8, 2, null],
    [50, 0, 500],
    [50, 1, MAX_VECTOR_K],
    [1, 0, 10],
    [1, 1, 100],
  ])('limit %s, pass %s → k %s', (limit, pass, k) => {
    expect(vectorPassK(limit, pass)).toBe(k)
  })

  it('skips a second pass that would not ask for more than the first', () => {
    expect(vectorPassK(500, 0)).toBe(MAX_VECTOR_K)
    expect(vectorPassK(500, 1)).toBeNull()
  })

  it.each([
    [{ limit: 8, fetched: 80, k: 80, kept: 3 }, true],
    [{ limit: 8, fetched: 80, k: 80, kept: 8 }, false],
    [{ limit: 8, fetched: 40, k: 80, kept: 3 }, false],
    [{ limit: 8, fetched: 0, k: 80, kept: 0 }, false],
  ])('%j → another pass %s', (input, expected) => {
    expect(needsAnotherVectorPass(input)).toBe(expected)
  })
})

describe('reciprocalRankFusion', () => {
  const r = (rank: number) => 1 / (RRF_K + rank)
  const cases: Array<{ name: string; lists: RankedList[]; order: string[]; scores?: number[]; via?: string[][] }> = [
    { name: 'no lists', lists: [], order: [] },
    {
      name: 'empty lists',
      lists: [
        { via: 'vector', ids: [] },
        { via: 'text', ids: [] },
      ],
      order: [],
    },
    {
      name: 'one list keeps its order',
      lists: [{ via: 'vector', ids: ['a', 'b', 'c'] }],
      order: ['a', 'b', 'c'],
      scores: [r(1), r(2), r(3)],
      via: [['vector'], ['vector'], ['vector']],
    },
    {
      name: 'found by both beats first of one',
      lists: [
        { via: 'vector', ids: ['a', 'b'] },
        { via: 'text', ids: ['c', 'b'] },
      ],
      order: ['b', 'a', 'c'],
      scores: [2 * r(2), r(1), r(1)],
      via: [['vector', 'text'], ['vector'], ['text']],
    },
    {
      name: 'equal sums: the better single rank first, then the id',
      lists: [
        { via: 'vector', ids: ['x', 'y'] },
        { via: 'text', ids: ['y', 'x'] },
      ],
      order: ['x', 'y'],
      scores: [r(1) + r(2), r(1) + r(2)],
      via: [
        ['vector', 'text'],
        ['vector', 'text'],
      ],
    },
    {
      name: 'deep in both vs top of one',
      lists: [
        { via: 'vector', ids: ['top', ...Array.from({ length: 8 }, (_, i) => `v${i}`), 'both'] },
        { via: 'text', ids: [...Array.from({ length: 9 }, (_, i) => `t${i}`), 'both'] },
      ],
      // 2/(60+10) = 0.02857 > 1/61 = 0.01639
      order: ['both', 't0', 'top'], // t0 and top tie at rank 1: by id
    },
    {
      name: 'a repeated id counts once, at its first rank',
      lists: [{ via: 'text', ids: ['a', 'b', 'a'] }],
      order: ['a', 'b'],
      scores: [r(1), r(2)],
    },
    {
      name: 'via lists vector before text whatever the list order',
      lists: [
        { via: 'text', ids: ['a'] },
        { via: 'vector', ids: ['a'] },
      ],
      order: ['a'],
      via: [['vector', 'text']],
    },
  ]

  it.each(cases)('$name', ({ lists, order, scores, via }) => {
    const fused = reciprocalRankFusion(lists)
    expect(fused.slice(0, order.length).map((hit) => hit.id)).toEqual(order)
    if (scores) fused.forEach((hit, i) => expect(hit.score).toBeCloseTo(scores[i]!, 12))
    if (via) expect(fused.map((hit) => hit.via)).toEqual(via)
  })

  it('uses k = 60 unless told otherwise', () => {
    expect(reciprocalRankFusion([{ via: 'text', ids: ['a'] }])[0]!.score).toBe(1 / 61)
    expect(reciprocalRankFusion([{ via: 'text', ids: ['a'] }], 0)[0]!.score).toBe(1)
  })
})
