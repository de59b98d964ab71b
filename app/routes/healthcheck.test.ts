import { describe, expect, it } from 'vitest'
import { args, request } from '#tests/support/accounts'
import { loader } from './healthcheck'

describe('/healthcheck', () => {
  it('answers 200 with the database mode while the database answers', async () => {
    const response = await loader(args(request('/healthcheck')))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'ok', database: { mode: 'local', ok: true } })
  })
})
