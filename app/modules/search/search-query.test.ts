import { describe, expect, it } from 'vitest'
import { parseSearchParams } from './search-input'
import { MARK_CLOSE, MARK_OPEN, markedSegments, searchMatchExpression } from './search-query'

describe('searchMatchExpression', () => {
  it.each([
    ['fractions', '"fractions"*'],
    ['Adding Fractions', '"adding" "fractions"*'],
    ['say "hi', '"say" "hi"*'],
    ['frac*', '"frac"*'],
    ['a NEAR b', '"a" "near" "b"*'],
    ['-minus', '"minus"*'],
    ['title:x OR y AND NOT z', '"title" "x" "or" "y" "and" "not" "z"*'],
    ['^start (group)', '"start" "group"*'],
    ['Résumé résumé', '"résumé"*'],
    ['ｆｕｌｌ', '"full"*'],
  ])('%j → %s', (text, expected) => {
    expect(searchMatchExpression(text)).toBe(expected)
  })

  it('is null without a word, and keeps at most 8 terms', () => {
    expect(searchMatchExpression('"* - ^ :')).toBeNull()
    expect(searchMatchExpression('')).toBeNull()
    expect(searchMatchExpression('a b c d e f g h i j')).toBe('"a" "b" "c" "d" "e" "f" "g" "h"*')
  })
})

describe('markedSegments', () => {
  it('splits FTS5 markers into plain and marked segments, keeping markup as text', () => {
    expect(markedSegments(`<b>x</b> ${MARK_OPEN}frac${MARK_CLOSE}tions and ${MARK_OPEN}more${MARK_CLOSE}`)).toEqual([
      { text: '<b>x</b> ', marked: false },
      { text: 'frac', marked: true },
      { text: 'tions and ', marked: false },
      { text: 'more', marked: true },
    ])
  })

  it('drops stray markers and empty input', () => {
    expect(markedSegments(null)).toEqual([])
    expect(markedSegments(`a${MARK_CLOSE}b${MARK_OPEN}c`)).toEqual([{ text: 'abc', marked: false }])
  })
})

describe('parseSearchParams', () => {
  const parse = (query: string) => parseSearchParams(new URLSearchParams(query))

  it('accepts a query and an optional kind', () => {
    expect(parse('q=%20fractions%20')).toEqual({ ok: true, text: 'fractions', kind: null })
    expect(parse('q=frac&kind=tasks')).toEqual({ ok: true, text: 'frac', kind: 'tasks' })
  })

  it('answers an empty, short, long, wordless or odd query with a message, not an error', () => {
    expect(parse('')).toEqual({ ok: false, text: '', problem: null })
    expect(parse('q=a')).toMatchObject({ ok: false, problem: 'Type at least 2 characters to search.' })
    expect(parse(`q=${'x'.repeat(101)}`)).toMatchObject({
      ok: false,
      problem: 'A search can be at most 100 characters.',
    })
    expect(parse('q=%22*')).toMatchObject({ ok: false, problem: 'Type a word to search for (letters or digits).' })
    expect(parse('q=ab&kind=users')).toMatchObject({ ok: false, problem: expect.stringContaining('Unknown kind') })
  })
})
