import { describe, expect, it } from 'vitest'
import { isPublished, nuggetMetadata, publishProblems, slidesOf } from './nugget-rules'

describe('nugget rules', () => {
  it.each([
    ['ready, titled, with text', { status: 'ready', title: 'Fractions', content: 'A lesson.' }, []],
    [
      'still processing',
      { status: 'processing', title: 'F', content: 'A lesson.' },
      ['The nugget is not ready: it is still being made from its document. Publish it once that is done.'],
    ],
    [
      'failed',
      { status: 'failed', title: 'F', content: 'x' },
      ['The nugget is not ready: making it from its document failed. Delete it, or upload the document again.'],
    ],
    ['no title', { status: 'ready', title: null, content: 'A lesson.' }, ['Give the nugget a title, then save it.']],
    [
      'blank title and text',
      { status: 'ready', title: '  ', content: ' ' },
      ['Give the nugget a title, then save it.', 'Write the lesson text, then save it.'],
    ],
  ])('publishProblems: %s', (_, nugget, want) => {
    expect(publishProblems(nugget)).toEqual(want)
  })

  it.each([
    [{ publishedAt: '2026-12-07T10:00:00.000Z' }, true],
    [{ publishedAt: null }, false],
    [{}, false],
    [null, false],
  ])('isPublished(%j) = %s', (metadata, want) => {
    expect(isPublished(metadata)).toBe(want)
  })

  it('reads stored metadata and slides leniently', () => {
    expect(nuggetMetadata({ keyPoints: ['a'], edited: true })).toMatchObject({
      keyPoints: ['a'],
      concepts: [],
      edited: true,
    })
    expect(nuggetMetadata('garbage')).toMatchObject({ keyPoints: [], edited: false, publishedAt: null })
    expect(slidesOf([{ title: 'One', body: 'x' }, { title: 'Two' }])).toEqual([
      { title: 'One', body: 'x' },
      { title: 'Two', body: '' },
    ])
    expect(slidesOf({ not: 'slides' })).toEqual([])
  })
})
