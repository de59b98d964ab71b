import JSZip from 'jszip'
import PDFDocument from 'pdfkit'
import type { Embedder } from '../embedder.server'

/**
 * Tiny documents of each format, made in the test (knowledge's tests only): a two-page PDF written
 * by pdfkit with headings set larger than the body, and a DOCX package written with jszip (the
 * parts Word needs: content types, the document, its styles naming "heading 1/2").
 */

export const LOREM =
  'Fractions describe parts of a whole. The numerator counts the parts taken and the denominator counts the equal parts the whole is split into.'

/** `count` distinct sentences, so that chunk texts can be told apart. */
export function sentences(count: number, topic = 'fractions'): string {
  return Array.from({ length: count }, (_, i) => `Sentence ${i + 1} about ${topic} adds one more idea.`).join(' ')
}

export async function makePdf(
  pages: { heading: string; paragraphs: string[] }[],
  title = 'Fractions Guide',
): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title }, compress: false })
  const parts: Buffer[] = []
  doc.on('data', (part: Buffer) => parts.push(part))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  pages.forEach((page, i) => {
    if (i > 0) doc.addPage()
    doc.font('Helvetica-Bold').fontSize(20).text(page.heading)
    doc.moveDown()
    for (const paragraph of page.paragraphs) {
      doc.font('Helvetica').fontSize(11).text(paragraph)
      doc.moveDown()
    }
  })
  doc.end()
  await done
  return new Uint8Array(Buffer.concat(parts))
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export async function makeDocx(paragraphs: { style?: 'Heading1' | 'Heading2'; text: string }[]): Promise<Uint8Array> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  )
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  )
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`,
  )
  const body = paragraphs
    .map(
      (p) =>
        `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(p.text)}</w:t></w:r></w:p>`,
    )
    .join('')
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

/**
 * A test double of an embedding model — for exercising the vector path of ingestion only, never
 * used by the app: each text's vector counts its letters a–z (so it is deterministic), padded to 384.
 */
export function letterCountEmbedder(calls: string[][] = []): Embedder {
  return {
    model: { name: 'test:letter-counts', dimensions: 384 },
    batchSize: 2,
    async embed(texts) {
      calls.push(texts)
      return texts.map((text) => {
        const vector = new Float32Array(384)
        for (const char of text.toLowerCase()) {
          const code = char.charCodeAt(0) - 97
          if (code >= 0 && code < 26) vector[code] = vector[code]! + 1
        }
        vector[383] = 1
        return vector
      })
    },
  }
}
