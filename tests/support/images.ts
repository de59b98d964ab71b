import { rmSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'
import { getEnv } from '~/utils/env.server'

/**
 * Test images built byte by byte, and a throw-away upload folder. A test file
 * that stores images sets DATA_DIR first, before any app module reads the
 * environment:
 *
 *   vi.hoisted(() => { process.env.DATA_DIR = `.cache/test-uploads/${process.pid}-${Math.random()}` })
 *   afterAll(removeTestUploads)
 */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A valid 1×1 PNG of one colour. */
export function tinyPng(rgba: [number, number, number, number] = [255, 0, 0, 255]): Uint8Array<ArrayBuffer> {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0) // width
  header.writeUInt32BE(1, 4) // height
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  const pixels = deflateSync(Buffer.from([0, ...rgba])) // filter byte + one pixel
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
  return new Uint8Array(bytes)
}

export function pngFile(name = 'avatar.png', rgba?: [number, number, number, number]): File {
  return new File([tinyPng(rgba)], name, { type: 'image/png' })
}

/** Plain text pretending to be a PNG by its name and declared type. */
export function fakePngFile(): File {
  return new File(['this is not an image, just text'], 'avatar.png', { type: 'image/png' })
}

/** A real PNG padded past the limit. */
export function oversizePngFile(bytes = 2 * 1024 * 1024 + 1): File {
  const png = tinyPng()
  const padded = new Uint8Array(bytes)
  padded.set(png)
  return new File([padded], 'big.png', { type: 'image/png' })
}

export function removeTestUploads() {
  rmSync(getEnv().DATA_DIR, { recursive: true, force: true })
}
