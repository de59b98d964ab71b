import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { createUser } from '#tests/support/accounts'
import { fakePngFile, oversizePngFile, pngFile, removeTestUploads, tinyPng } from '#tests/support/images'
import { acceptedImageType, imageSrc } from './images'
import { ImageRejected, deleteImage, inspectImage, readImage, saveImage } from './images.server'

vi.hoisted(() => {
  process.env.DATA_DIR = `.cache/test-uploads/${process.pid}-${Math.random().toString(36).slice(2)}`
})
afterAll(removeTestUploads)

async function storedPath(imageId: string) {
  const row = await prisma.image.findUniqueOrThrow({ where: { id: imageId }, select: { filePath: true, fileKey: true } })
  return join(resolve(getEnv().DATA_DIR), 'uploads', row.filePath, row.fileKey)
}

async function rejection(file: File | null) {
  const error = await inspectImage(file).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ImageRejected)
  return error as ImageRejected
}

describe('image rules', () => {
  it.each([
    ['image/png', 'image/png'],
    ['image/apng', 'image/png'],
    ['image/jpeg', 'image/jpeg'],
    ['image/webp', 'image/webp'],
    ['image/gif', 'image/gif'],
    ['image/svg+xml', null],
    ['application/pdf', null],
    [undefined, null],
  ])('accepts %s as %s', (sniffed, expected) => {
    expect(acceptedImageType(sniffed)).toBe(expected)
  })

  it('versions the address with the upload time', () => {
    expect(imageSrc({ id: 'abc', updatedAt: new Date(1000) })).toBe('/images/abc?v=1000')
  })
})

describe('inspectImage', () => {
  it('accepts a real PNG whatever its name', async () => {
    const result = await inspectImage(pngFile('holiday.txt'))
    expect(result.contentType).toBe('image/png')
    expect(result.bytes).toEqual(tinyPng())
  })

  it('recognises GIF and JPEG by their bytes', async () => {
    const gif = new File([new Uint8Array([...Buffer.from('GIF89a'), 1, 0, 1, 0, 0, 0, 0, 0x3b])], 'x.bin')
    expect((await inspectImage(gif)).contentType).toBe('image/gif')
    const jpeg = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...Buffer.from('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])], 'x.bin')
    expect((await inspectImage(jpeg)).contentType).toBe('image/jpeg')
  })

  it('refuses text named .png with a 400', async () => {
    const error = await rejection(fakePngFile())
    expect(error.status).toBe(400)
    expect(error.message).toMatch(/PNG, JPEG, WebP or GIF/)
  })

  it('refuses an SVG (it can carry scripts)', async () => {
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'a.svg', { type: 'image/svg+xml' })
    expect((await rejection(svg)).status).toBe(400)
  })

  it('refuses more than 2 MB with a 413, and accepts exactly 2 MB', async () => {
    const error = await rejection(oversizePngFile())
    expect(error.status).toBe(413)
    expect(error.message).toMatch(/2 MB/)
    expect((await inspectImage(oversizePngFile(2 * 1024 * 1024))).contentType).toBe('image/png')
  })

  it('refuses an empty or missing file', async () => {
    expect((await rejection(new File([], 'a.png'))).status).toBe(400)
    expect((await rejection(null)).status).toBe(400)
  })
})

describe('saveImage / deleteImage / readImage', () => {
  it('stores the file under DATA_DIR/uploads/users and records it', async () => {
    const user = await createUser()
    const image = await saveImage({ file: pngFile(), owner: { userId: user.id } })
    expect(image).toMatchObject({ contentType: 'image/png', size: tinyPng().byteLength })
    const path = await storedPath(image.id)
    expect(path).toMatch(/uploads[/\\]users[/\\][\w-]+\.png$/)
    expect(existsSync(path)).toBe(true)
    expect(await readImage(image.id)).toEqual({ contentType: 'image/png', bytes: tinyPng() })
  })

  it('replaces the previous image of the owner and deletes its file', async () => {
    const user = await createUser()
    const first = await saveImage({ file: pngFile(), owner: { userId: user.id } })
    const firstPath = await storedPath(first.id)
    const second = await saveImage({ file: pngFile('b.png', [0, 0, 255, 255]), owner: { userId: user.id } })
    expect(second.id).toBe(first.id)
    expect(existsSync(firstPath)).toBe(false)
    expect(existsSync(await storedPath(second.id))).toBe(true)
    expect(await prisma.image.count({ where: { userId: user.id } })).toBe(1)
    expect((await readImage(second.id))?.bytes).toEqual(tinyPng([0, 0, 255, 255]))
  })

  it('stores team images under uploads/teams', async () => {
    const team = await prisma.team.create({ data: { name: 'Logo team' }, select: { id: true } })
    const image = await saveImage({ file: pngFile(), owner: { teamId: team.id } })
    expect(await storedPath(image.id)).toMatch(/uploads[/\\]teams[/\\]/)
    expect(await deleteImage({ teamId: team.id })).toBe(true)
  })

  it('writes nothing for a refused file', async () => {
    const user = await createUser()
    await expect(saveImage({ file: fakePngFile(), owner: { userId: user.id } })).rejects.toBeInstanceOf(ImageRejected)
    expect(await prisma.image.count({ where: { userId: user.id } })).toBe(0)
  })

  it('deletes the row and the file', async () => {
    const user = await createUser()
    const image = await saveImage({ file: pngFile(), owner: { userId: user.id } })
    const path = await storedPath(image.id)
    expect(await deleteImage({ userId: user.id })).toBe(true)
    expect(existsSync(path)).toBe(false)
    expect(await readImage(image.id)).toBeNull()
    expect(await deleteImage({ userId: user.id })).toBe(false)
  })

  it('reads nothing for unknown or malformed ids, a missing file, or a deleted account', async () => {
    expect(await readImage('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeNull()
    expect(await readImage('../../etc/passwd')).toBeNull()
    const user = await createUser()
    const image = await saveImage({ file: pngFile(), owner: { userId: user.id } })
    await prisma.user.update({ where: { id: user.id }, data: { anonymizedAt: new Date() } })
    expect(await readImage(image.id)).toBeNull()
  })
})
