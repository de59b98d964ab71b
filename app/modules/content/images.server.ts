import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { DomainError } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import { IMAGE_TYPES, type ImageContentType, MAX_IMAGE_BYTES, acceptedImageType } from './images'

/**
 * Uploaded images (avatars, team logos): the bytes live on disk under
 * DATA_DIR/uploads/<users|teams>/, the Image row says whose they are and what
 * they are. One image per owner: a new upload replaces the old one.
 */
export type ImageOwner = { userId: string } | { teamId: string }

/** An upload we refuse: 413 when it is too large, 400 when it is not an image we accept; about the form field of the file. */
export class ImageRejected extends DomainError {
  constructor(message: string, status: 400 | 413, field?: string) {
    super(message, status, field)
  }
}

export const IMAGE_TOO_LARGE = 'This image is larger than 2 MB. Please choose a smaller one.'
const NOT_AN_IMAGE = `This file is not an image we accept. Please choose a PNG, JPEG, WebP or GIF file of at most 2 MB.`

// What we generate ourselves; anything else in the row is refused before it reaches the file system.
const FILE_KEY = /^[A-Za-z0-9_-]{16,64}\.(png|jpg|webp|gif)$/
const FOLDERS = new Set(['users', 'teams'])

function ownerWhere(owner: ImageOwner): { userId: string } | { teamId: string } {
  return 'userId' in owner ? { userId: owner.userId } : { teamId: owner.teamId }
}

function folderOf(owner: ImageOwner): 'users' | 'teams' {
  return 'userId' in owner ? 'users' : 'teams'
}

function storedFilePath(image: { filePath: string; fileKey: string }): string {
  if (!FOLDERS.has(image.filePath) || !FILE_KEY.test(image.fileKey)) throw new Error(`Refusing an unexpected image key: ${image.filePath}/${image.fileKey}`)
  return join(resolve(getEnv().DATA_DIR), 'uploads', image.filePath, image.fileKey)
}

/** Removes an image's file; a file that is already gone is fine. */
export async function removeImageFile(image: { filePath: string; fileKey: string }): Promise<void> {
  try {
    await rm(storedFilePath(image), { force: true })
  } catch (error) {
    // The row is gone either way; a leftover file is only wasted space.
    log.warn('could not remove an image file', { fileKey: image.fileKey, error: String(error) })
  }
}

/** Checks an upload by size and by its content (magic bytes); the name and the browser's type are ignored. */
export async function inspectImage(file: File | null | undefined, field?: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: ImageContentType }> {
  if (!file || file.size === 0) throw new ImageRejected('Choose an image file to upload.', 400, field)
  if (file.size > MAX_IMAGE_BYTES) throw new ImageRejected(IMAGE_TOO_LARGE, 413, field)
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new ImageRejected(IMAGE_TOO_LARGE, 413, field)
  const contentType = acceptedImageType((await fileTypeFromBuffer(bytes))?.mime)
  if (!contentType) throw new ImageRejected(NOT_AN_IMAGE, 400, field)
  return { bytes, contentType }
}

/**
 * Stores the owner's image, replacing the previous one (its file is deleted).
 * Throws ImageRejected for a file that is too large or not a PNG/JPEG/WebP/GIF.
 */
export async function saveImage({ file, owner }: { file: File; owner: ImageOwner }) {
  const { bytes, contentType } = await inspectImage(file)
  const folder = folderOf(owner)
  const stored = { filePath: folder, fileKey: `${randomBytes(18).toString('base64url')}.${IMAGE_TYPES[contentType]}` }
  const path = storedFilePath(stored)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, bytes, { flag: 'wx' })
  const where = ownerWhere(owner)
  try {
    const previous = await prisma.image.findUnique({ where, select: { filePath: true, fileKey: true } })
    const fields = { ...stored, contentType, size: bytes.byteLength }
    const image = await prisma.image.upsert({
      where,
      create: { ...where, ...fields },
      update: fields,
      select: { id: true, contentType: true, size: true, updatedAt: true },
    })
    if (previous) await removeImageFile(previous)
    return image
  } catch (error) {
    await removeImageFile(stored)
    throw error
  }
}

/** Removes the owner's image (row and file). False when there was none. */
export async function deleteImage(owner: ImageOwner): Promise<boolean> {
  const where = ownerWhere(owner)
  const image = await prisma.image.findUnique({ where, select: { id: true, filePath: true, fileKey: true } })
  if (!image) return false
  await prisma.image.deleteMany({ where: { id: image.id } })
  await removeImageFile(image)
  return true
}

/** The owner's current image, for showing it. */
export function imageOf(owner: ImageOwner) {
  return prisma.image.findUnique({ where: ownerWhere(owner), select: { id: true, contentType: true, size: true, updatedAt: true } })
}

/** The stored bytes of an image, or null (unknown id, the file is gone, or its owner's account was deleted). */
export async function readImage(id: string): Promise<{ contentType: string; bytes: Uint8Array<ArrayBuffer> } | null> {
  if (!/^[0-9A-Za-z]{1,40}$/.test(id)) return null
  const image = await prisma.image.findUnique({
    where: { id },
    select: { contentType: true, filePath: true, fileKey: true, user: { select: { anonymizedAt: true } } },
  })
  if (!image || image.user?.anonymizedAt) return null
  try {
    return { contentType: image.contentType, bytes: new Uint8Array(await readFile(storedFilePath(image))) }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** The uploaded file of a field, or null when none was chosen (browsers send an empty part then). */
export function uploadedFile(formData: FormData, field: string): File | null {
  const value = formData.get(field)
  return value instanceof File && (value.size > 0 || value.name !== '') ? value : null
}
