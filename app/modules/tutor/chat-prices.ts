/**
 * What a chat call costs, in whole cents (docs/tutor.md, "Prices"). Prices are cents per million
 * tokens, input (prompt) and output (completion) apart, as model vendors publish them; env
 * AI_PRICES adds models or overrides these. The cost of a call is rounded up to a whole cent, so
 * usage is never under-counted; a model with no price costs 0 and says so (`priced: false`).
 */
export interface ModelPrice {
  /** cents per million prompt tokens */
  input: number
  /** cents per million completion tokens */
  output: number
}

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: 15, output: 60 },
  'gpt-4o': { input: 250, output: 1000 },
  'gpt-4.1-mini': { input: 40, output: 160 },
  'gpt-4.1': { input: 200, output: 800 },
}

export function priceTable(overrides: Record<string, ModelPrice> | undefined): Record<string, ModelPrice> {
  return { ...DEFAULT_PRICES, ...overrides }
}

export function costInCents(
  model: string,
  usage: { promptTokens: number; completionTokens: number },
  prices: Record<string, ModelPrice>,
): { cents: number; priced: boolean } {
  const price = prices[model]
  if (!price) return { cents: 0, priced: false }
  const raw = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000
  return { cents: Math.max(0, Math.ceil(raw - 1e-9)), priced: true }
}
