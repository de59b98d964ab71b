import { afterAll, describe, expect, it, vi } from 'vitest'
import { saveImage } from '~/modules/content/images.server'
import { prisma } from '~/utils/db.server'
import { args, createUser, request } from '#tests/support/accounts'
import { pngFile, removeTestUploads, tinyPng } from '#tests/support/images'
import { loader } from './images.$imageId'

vi.hoisted(() => {
  process.env.DATA_DIR = `.cache/test-uploads/${process.pid}-${Math.random().toString(36).slice(2)}`
})
afterAll(removeTestUploads)

const load = (imageId: string) => loader(args(request(`/images/${imageId}`), { imageId })) as Promise<Response>

describe('/images/:imageId', () => {
  it('serves the stored bytes with their content type, length and safe headers', async () => {
    const user = await createUser()
    const image = await saveImage({ file: pngFile('photo.gif'), owner: { userId: user.id } })
    const response = await load(image.id)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('content-length')).toBe(String(tinyPng().byteLength))
    expect(response.headers.get('cache-control')).toBe('private, max-age=3600')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(tinyPng())
  })

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['01ARZ3NDEKTSV4RRFFQ69G5FAV', '..%2F..%2Fetc%2Fpasswd', '']) {
      const response = await load(id)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    }
  })

  it('answers 404 for the image of a deleted account', async () => {
    const user = await createUser()
    const image = await saveImage({ file: pngFile(), owner: { userId: user.id } })
    await prisma.user.update({ where: { id: user.id }, data: { anonymizedAt: new Date() } })
    expect((await load(image.id)).status).toBe(404)
  })
})
