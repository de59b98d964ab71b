import { Form, Link } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { SubmitButton } from '~/components/ui/submit-button'
import type { TeamCertificates } from '~/modules/certificates/certificates.server'
import { LEVEL_LABEL, REQUIRABLE_LEVELS } from '~/modules/certificates/certificate-rules'
import { formatDay } from '~/utils/time'

type Data = TeamCertificates
/** A refused form as the route's action answers it (`refuseForm`), shown beside the form it came from. */
type Refusal = {
  intent: string
  fieldErrors: Record<string, string[] | undefined>
  formErrors: string[]
  values: Record<string, string>
}

/**
 * The certificates section of the team page (and of /teams/:teamId/certificates): definitions,
 * who meets each, issued certificates with their verify links; for admins the forms to define,
 * archive, issue and revoke. Every form posts to /teams/:teamId/certificates, works without
 * JavaScript, and a refused one is shown again there with its errors.
 */
export function TeamCertificatesSection({
  teamId,
  data,
  timeZone,
  result,
}: {
  teamId: string
  data: Data
  timeZone: string
  result?: Refusal | null
}) {
  const action = `/teams/${teamId}/certificates`
  const forIntent = (intent: string) => (result && result.intent === intent ? result : undefined)
  const defineResult = forIntent('certificate-define')
  const otherResult = result && result.intent !== 'certificate-define' ? result : undefined
  const active = data.definitions.filter((d) => !d.archivedAt)
  const archived = data.definitions.filter((d) => d.archivedAt)
  return (
    <section aria-labelledby="certificates-title" id="certificates" className="team-certificates">
      <h2 id="certificates-title">Certificates</h2>
      <ErrorSummary formErrors={otherResult?.formErrors} fieldErrors={otherResult?.fieldErrors} />
      {active.length === 0 ? (
        <p>No certificates are defined{data.canManage ? ' yet: define one below' : ''}.</p>
      ) : (
        <ul className="plain-list stack-list">
          {active.map((d) => (
            <li key={d.id} className="card" aria-labelledby={`definition-${d.id}`}>
              <h3 id={`definition-${d.id}`}>{d.name}</h3>
              {d.description ? <p>{d.description}</p> : null}
              <p className="hint">
                Requires {LEVEL_LABEL[d.requiredLevel]} or better in{' '}
                {d.concepts.length ? d.concepts.join(', ') : 'no concept any task teaches yet'}
                {d.topics.length ? ` (topics: ${d.topics.join(', ')})` : ''}. {d.issued} issued
                {d.autoIssue ? ' · issued automatically' : ''}.
              </p>
              {d.eligible.length ? (
                <>
                  <p>Meet it now:</p>
                  <ul className="plain-list">
                    {d.eligible.map((m) => (
                      <li key={m.userId} className="inline-actions">
                        <span>{m.name}</span>
                        {data.canManage ? (
                          <Form method="post" action={action}>
                            <input type="hidden" name="definitionId" value={d.id} />
                            <input type="hidden" name="userId" value={m.userId} />
                            <SubmitButton
                              name="intent"
                              value="certificate-issue"
                              className="button secondary"
                              pendingText="Issuing…"
                            >
                              Issue
                              <span className="visually-hidden">
                                {' '}
                                “{d.name}” to {m.name}
                              </span>
                            </SubmitButton>
                          </Form>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="hint">Nobody else meets it at the moment.</p>
              )}
              {data.canManage ? (
                <Form method="post" action={action}>
                  <input type="hidden" name="definitionId" value={d.id} />
                  <SubmitButton
                    name="intent"
                    value="certificate-archive"
                    className="button secondary"
                    pendingText="Archiving…"
                  >
                    Archive<span className="visually-hidden"> “{d.name}”</span>
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {archived.length ? (
        <p className="hint">Archived (no longer issued): {archived.map((d) => d.name).join(', ')}.</p>
      ) : null}

      <h3>Issued</h3>
      {data.certificates.length === 0 ? (
        <p>No certificate has been issued yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="members-table">
            <caption className="visually-hidden">Certificates issued by the team</caption>
            <thead>
              <tr>
                <th scope="col">Certificate</th>
                <th scope="col">Holder</th>
                <th scope="col">Issued</th>
                <th scope="col">Status</th>
                {data.canManage ? <th scope="col">Revoke</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.certificates.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={c.verifyPath}>{c.title}</Link>
                  </th>
                  <td>{c.holder}</td>
                  <td>
                    <time dateTime={c.issuedAt}>{formatDay(c.issuedAt, timeZone)}</time>
                    {c.automatic ? <span className="hint"> · automatically</span> : null}
                  </td>
                  <td>
                    {c.revokedAt ? (
                      <>
                        Revoked <span className="hint">{c.revokedReason}</span>
                      </>
                    ) : (
                      'Valid'
                    )}
                  </td>
                  {data.canManage ? (
                    <td>
                      {c.revokedAt ? null : (
                        <Form method="post" action={action} className="inline-actions">
                          <input type="hidden" name="certificateId" value={c.id} />
                          <label className="visually-hidden" htmlFor={`reason-${c.id}`}>
                            Why revoke “{c.title}” of {c.holder}
                          </label>
                          <input id={`reason-${c.id}`} name="reason" placeholder="Reason" required minLength={3} />
                          <SubmitButton
                            name="intent"
                            value="certificate-revoke"
                            className="button danger"
                            pendingText="Revoking…"
                          >
                            Revoke
                            <span className="visually-hidden">
                              {' '}
                              “{c.title}” of {c.holder}
                            </span>
                          </SubmitButton>
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {data.canManage ? (
        <>
          <h3 id="define-certificate-title">Define a certificate</h3>
          <ErrorSummary fieldErrors={defineResult?.fieldErrors} formErrors={defineResult?.formErrors} />
          <Form method="post" action={action} className="stack card" aria-labelledby="define-certificate-title">
            <Field label="Name" errors={defineResult?.fieldErrors.name}>
              {(props) => <input name="name" defaultValue={defineResult?.values.name ?? ''} {...props} />}
            </Field>
            <Field label="Description (optional)" errors={defineResult?.fieldErrors.description}>
              {(props) => (
                <textarea
                  name="description"
                  rows={2}
                  defaultValue={defineResult?.values.description ?? ''}
                  {...props}
                />
              )}
            </Field>
            <fieldset className="field">
              <legend>Topics (every concept their tasks teach)</legend>
              {data.topics.map((t) => (
                <label key={t.slug} className="checkbox">
                  <input
                    type="checkbox"
                    name="topics"
                    value={t.slug}
                    defaultChecked={(defineResult?.values.topics ?? '').split(',').includes(t.slug)}
                  />{' '}
                  {t.title}
                </label>
              ))}
              {defineResult?.fieldErrors.topics ? (
                <p className="field-error">{defineResult.fieldErrors.topics.join(' ')}</p>
              ) : null}
            </fieldset>
            <Field
              label="Concepts (optional)"
              hint="Concept keys, separated by commas, e.g. fractions.add"
              errors={defineResult?.fieldErrors.concepts}
            >
              {(props) => <input name="concepts" defaultValue={defineResult?.values.concepts ?? ''} {...props} />}
            </Field>
            <Field label="Mastery required in each concept" errors={defineResult?.fieldErrors.requiredLevel}>
              {(props) => (
                <select
                  name="requiredLevel"
                  defaultValue={defineResult?.values.requiredLevel ?? 'proficient'}
                  {...props}
                >
                  {REQUIRABLE_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {LEVEL_LABEL[level]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <label className="checkbox">
              <input type="checkbox" name="autoIssue" defaultChecked={defineResult?.values.autoIssue === 'on'} /> Issue
              it automatically to each member who meets it
            </label>
            <div>
              <SubmitButton name="intent" value="certificate-define" pendingText="Saving…">
                Define certificate
              </SubmitButton>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  )
}
