import PDFDocument from 'pdfkit'
import { formatDay } from '~/utils/time'
import type { VerifiedCertificate } from './certificates.server'
import { LEVEL_LABEL, recallLabel } from './certificate-rules'

/**
 * The holder's certificate as a one-page A4 PDF (pdfkit, its built-in Helvetica: no font file,
 * nothing downloaded). The standard fonts cover Western European text only; other characters
 * are printed as "?" rather than as wrong glyphs.
 */
export async function certificatePdf(
  certificate: VerifiedCertificate,
  { verifyUrl, timeZone }: { verifyUrl: string; timeZone: string },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 48,
    info: {
      Title: latin(`${certificate.title} — ${certificate.holderName}`),
      Author: latin(certificate.teamName),
      Creator: 'Questlog',
      CreationDate: new Date(certificate.issuedAt),
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const width = doc.page.width - 96
  doc
    .rect(24, 24, doc.page.width - 48, doc.page.height - 48)
    .lineWidth(3)
    .stroke('#1f3b73')
  doc.moveDown(1)
  doc
    .font('Helvetica')
    .fontSize(12)
    .fillColor('#444')
    .text('CERTIFICATE OF MASTERY', { align: 'center', characterSpacing: 2 })
  doc.moveDown(0.5)
  doc.font('Helvetica-Bold').fontSize(30).fillColor('#000').text(latin(certificate.title), { align: 'center' })
  doc.moveDown(0.5)
  doc.font('Helvetica').fontSize(14).text('awarded to', { align: 'center' })
  doc.font('Helvetica-Bold').fontSize(22).text(latin(certificate.holderName), { align: 'center' })
  doc.moveDown(0.3)
  doc
    .font('Helvetica')
    .fontSize(13)
    .text(latin(`by ${certificate.teamName} on ${formatDay(certificate.issuedAt, timeZone)}`), { align: 'center' })
  if (certificate.revoked) {
    doc.moveDown(0.5)
    doc
      .font('Helvetica-Bold')
      .fillColor('#a4161a')
      .text(
        latin(
          `REVOKED on ${formatDay(certificate.revoked.at, timeZone)}${certificate.revoked.reason ? `: ${certificate.revoked.reason}` : ''}`,
        ),
        { align: 'center' },
      )
      .fillColor('#000')
  }

  const evidence = certificate.evidence
  if (evidence) {
    doc.moveDown(1)
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(`Evidence at issue (each concept at least ${LEVEL_LABEL[evidence.requiredLevel]})`, 48)
    doc.moveDown(0.3)
    const columns = [0.34, 0.18, 0.14, 0.1, 0.24].map((share) => share * width)
    const row = (cells: string[], bold = false) => {
      const y = doc.y
      let x = 48
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10)
      let bottom = y
      cells.forEach((cell, i) => {
        doc.text(latin(cell), x, y, { width: columns[i]! - 6 })
        bottom = Math.max(bottom, doc.y)
        x += columns[i]!
      })
      doc.y = bottom + 3
    }
    row(['Concept', 'Mastery', 'Predicted recall', 'Answers', 'Practised'], true)
    for (const c of evidence.concepts.slice(0, 14)) {
      row([
        c.concept,
        `${LEVEL_LABEL[c.level]} (${c.mastery} %)`,
        recallLabel(c.recall),
        String(c.attempts),
        c.firstAttemptAt && c.lastAttemptAt
          ? `${formatDay(c.firstAttemptAt, timeZone)} - ${formatDay(c.lastAttemptAt, timeZone)}`
          : '-',
      ])
    }
    if (evidence.concepts.length > 14)
      row([`… and ${evidence.concepts.length - 14} more concepts (see the verify page)`, '', '', '', ''])
  }

  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#444')
    .text(latin(`Check this certificate at ${verifyUrl}`), 48, doc.page.height - 72, { width, align: 'center' })
  doc.end()
  return done
}

/** Characters the standard PDF fonts (WinAnsi) can show; anything else becomes "?". */
function latin(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac]/g, '?')
}
