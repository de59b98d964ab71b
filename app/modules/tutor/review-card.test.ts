import { describe, expect, it } from 'vitest'
import { ReviewCardInput, cardConcepts, keySentence, quoteOf } from './review-card'

describe('quoteOf', () => {
  const content = 'Here is what your documents say:\n\n> … first sentence. Second one … [1]\n\n> Other passage. [2]'
  it.each([
    [1, 'first sentence. Second one'],
    [2, 'Other passage.'],
    [3, null],
  ])('source %i → %j', (n, quote) => expect(quoteOf(content, n)).toBe(quote))
})

describe('keySentence', () => {
  it('picks the sentence sharing most words with the question, the first on a tie', () => {
    expect(
      keySentence('Cells are small. Mitochondria release energy. Plants are green.', 'What do mitochondria release?'),
    ).toBe('Mitochondria release energy.')
    expect(keySentence('One. Two.', 'nothing shared')).toBe('One.')
    expect(keySentence('', 'q')).toBe('')
    expect(keySentence(`${'a'.repeat(300)}.`, 'q')).toHaveLength(240)
  })
})

describe('cardConcepts', () => {
  it('is the document concept, then the nuggets’ concepts, without repeats or blanks', () => {
    expect(cardConcepts('D1', ['cells.energy', ' ', 'cells.energy'])).toEqual(['doc:D1', 'cells.energy'])
  })
})

describe('ReviewCardInput', () => {
  const base = { messageId: '01JD0000000000000000000000', chunkId: 'c1', question: 'Why?' }
  it('splits accepted answers by line and drops blank lines', () => {
    expect(ReviewCardInput.parse({ ...base, answer: ' a \n\n b ' }).answer).toEqual(['a', 'b'])
  })
  it.each([
    [{ ...base, answer: '  ' }, 'answer'],
    [{ ...base, answer: 'a\nb\nc\nd\ne\nf' }, 'answer'],
    [{ ...base, question: 'W', answer: 'a' }, 'question'],
    [{ ...base, messageId: 'nope', answer: 'a' }, 'messageId'],
  ])('refuses %j on %s', (input, field) => {
    const result = ReviewCardInput.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path[0]).toBe(field)
  })
})
