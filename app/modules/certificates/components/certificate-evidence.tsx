import type { VerifiedCertificate } from '~/modules/certificates/certificates.server'
import { LEVEL_LABEL, recallLabel } from '~/modules/certificates/certificate-rules'
import { formatDay } from '~/utils/time'

/**
 * A certificate as its verify page, the holder's printable page and the PDF show it: title,
 * holder, team, date, revocation, and the evidence of mastery at issue.
 */
export function CertificateCard({ certificate, timeZone }: { certificate: VerifiedCertificate; timeZone: string }) {
  const c = certificate
  return (
    <article
      className={`card certificate${c.revoked ? ' certificate-revoked' : ''}`}
      aria-labelledby="certificate-title"
    >
      <p className="certificate-kicker">Certificate of mastery</p>
      <h2 id="certificate-title">{c.title}</h2>
      <p className="certificate-holder">
        awarded to <strong data-testid="certificate-holder">{c.holderName}</strong>
      </p>
      <p>
        by <strong>{c.teamName}</strong> on <time dateTime={c.issuedAt}>{formatDay(c.issuedAt, timeZone)}</time>
      </p>
      {c.revoked ? (
        <p className="certificate-status revoked" role="status">
          <strong>Revoked</strong> on <time dateTime={c.revoked.at}>{formatDay(c.revoked.at, timeZone)}</time>
          {c.revoked.reason ? <>: {c.revoked.reason}</> : null}
        </p>
      ) : (
        <p className="certificate-status valid" role="status">
          <strong>Valid</strong>
          {c.expiresAt ? (
            <>
              {' '}
              until <time dateTime={c.expiresAt}>{formatDay(c.expiresAt, timeZone)}</time>
            </>
          ) : null}
        </p>
      )}
      <CertificateEvidence certificate={c} timeZone={timeZone} />
    </article>
  )
}

export function CertificateEvidence({ certificate, timeZone }: { certificate: VerifiedCertificate; timeZone: string }) {
  const evidence = certificate.evidence
  if (!evidence) return <p className="hint">This certificate was issued without recorded evidence.</p>
  return (
    <section aria-labelledby="evidence-title" className="certificate-evidence">
      <h3 id="evidence-title">Evidence at issue</h3>
      <p className="hint">
        Each concept had to be at least {LEVEL_LABEL[evidence.requiredLevel]}. Predicted recall is the spaced-repetition
        scheduler&rsquo;s estimate, when the certificate was issued, that the holder remembers the concept&rsquo;s
        tasks.
      </p>
      <div className="table-scroll">
        <table className="members-table evidence-table">
          <thead>
            <tr>
              <th scope="col">Concept</th>
              <th scope="col">Mastery</th>
              <th scope="col">Predicted recall</th>
              <th scope="col">Answers</th>
              <th scope="col">Practised</th>
            </tr>
          </thead>
          <tbody>
            {evidence.concepts.map((c) => (
              <tr key={c.concept}>
                <th scope="row">
                  <code>{c.concept}</code>
                </th>
                <td>
                  {LEVEL_LABEL[c.level]} <span className="hint">({c.mastery} %)</span>
                </td>
                <td>{recallLabel(c.recall)}</td>
                <td>{c.attempts}</td>
                <td>
                  {c.firstAttemptAt && c.lastAttemptAt ? (
                    <>
                      <time dateTime={c.firstAttemptAt}>{formatDay(c.firstAttemptAt, timeZone)}</time> –{' '}
                      <time dateTime={c.lastAttemptAt}>{formatDay(c.lastAttemptAt, timeZone)}</time>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
