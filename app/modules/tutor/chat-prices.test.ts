import { describe, expect, it } from 'vitest'
import { parseEnv } from '~/utils/env.server'
import { DEFAULT_PRICES, costInCents, priceTable } from './chat-prices'

describe('costInCents', () => {
  const prices = priceTable({ house: { input: 100, output: 300 } })
  it.each([
    ['no tokens cost nothing', { promptTokens: 0, completionTokens: 0 }, 0],
    ['a part of a cent is rounded up', { promptTokens: 1, completionTokens: 0 }, 1],
    ['exactly one cent', { promptTokens: 10_000, completionTokens: 0 }, 1],
    ['input and output priced apart', { promptTokens: 1_000_000, completionTokens: 1_000_000 }, 400],
    ['just over a cent', { promptTokens: 10_001, completionTokens: 0 }, 2],
  ])('%s', (_, usage, cents) => {
    expect(costInCents('house', usage, prices)).toEqual({ cents, priced: true })
  })

  it('an unpriced model costs 0 and says it is unpriced', () => {
    expect(costInCents('mystery', { promptTokens: 5000, completionTokens: 5000 }, prices)).toEqual({
      cents: 0,
      priced: false,
    })
  })

  it('env AI_PRICES overrides and extends the built-in table, and is refused when malformed', () => {
    const env = parseEnv({ AI_PRICES: '{"gpt-4o-mini":{"input":1,"output":2},"local":{"input":0,"output":0}}' })
    const table = priceTable(env.AI_PRICES)
    expect(table['gpt-4o-mini']).toEqual({ input: 1, output: 2 })
    expect(table.local).toEqual({ input: 0, output: 0 })
    expect(table['gpt-4o']).toEqual(DEFAULT_PRICES['gpt-4o'])
    expect(() => parseEnv({ AI_PRICES: 'not json' })).toThrow(/AI_PRICES: must be JSON/)
    expect(() => parseEnv({ AI_PRICES: '{"m":{"input":-1,"output":2}}' })).toThrow(/AI_PRICES/)
  })
})
