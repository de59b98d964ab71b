import { describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES } from '~/modules/content/images'
import { IMAGE_TOO_LARGE, uploadedFile } from '~/modules/content/images.server'
import { oversizePngFile, pngFile, tinyPng } from '#tests/support/images'
import { readUploadForm } from './upload.server'

const url = 'http://127.0.0.1/settings/profile'
const avatar = { field: 'avatar', maxBytes: MAX_IMAGE_BYTES, tooLarge: IMAGE_TOO_LARGE }

describe('readUploadForm', () => {
  it('reads url-encoded and multipart forms', async () => {
    const plain = await readUploadForm(
      new Request(url, { method: 'POST', body: new URLSearchParams({ name: 'Ana' }) }),
      avatar,
    )
    expect(plain.get('name')).toBe('Ana')
    const body = new FormData()
    body.set('name', 'Ana')
    body.set('avatar', pngFile())
    const multipart = await readUploadForm(new Request(url, { method: 'POST', body }), avatar)
    expect(uploadedFile(multipart, 'avatar')?.size).toBe(tinyPng().byteLength)
  })

  it('throws 413 about the field for an oversize part, and for an oversize body', async () => {
    const body = new FormData()
    body.set('avatar', oversizePngFile())
    await expect(readUploadForm(new Request(url, { method: 'POST', body }), avatar)).rejects.toMatchObject({
      status: 413,
      field: 'avatar',
      message: IMAGE_TOO_LARGE,
    })
    const declared = new Request(url, {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
    })
    await expect(readUploadForm(declared, avatar)).rejects.toMatchObject({ status: 413, field: 'avatar' })
  })

  it('treats an empty file input as no file', async () => {
    const body = new FormData()
    body.set('avatar', new File([], ''))
    expect(uploadedFile(await readUploadForm(new Request(url, { method: 'POST', body }), avatar), 'avatar')).toBeNull()
  })
})
