import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { ConfirmButton } from '~/components/ui/confirm-button'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { ProgressBar } from '~/components/ui/progress-bar'
import { SubmitButton } from '~/components/ui/submit-button'
import { uploadedFile } from '~/modules/content/images.server'
import { DocumentsPageAction, MAX_CHECK_MINUTES, MIN_CHECK_MINUTES } from '~/modules/knowledge/document-input'
import { deleteDocument, listDocuments } from '~/modules/knowledge/documents.server'
import { kickIngestionWorker } from '~/modules/knowledge/ingestion-worker.server'
import { canManageDocuments, ingestDocument, listIngestionJobs } from '~/modules/knowledge/ingestion.server'
import {
  addMonitoredUrl,
  listMonitoredUrls,
  removeMonitoredUrl,
  setMonitoredUrlEnabled,
} from '~/modules/knowledge/monitored-urls.server'
import { DOCUMENT_TOO_LARGE, MAX_DOCUMENT_BYTES } from '~/modules/knowledge/parse.server'
import { formValues } from '~/utils/api.server'
import { requireUser } from '~/utils/auth.server'
import { Invalid } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { readUploadForm } from '~/utils/upload.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Documents — ${data?.team.name ?? 'Team'} — Questlog` },
]

/** How often the page looks again while a job runs (with JavaScript; the meta refresh without). */
const REFRESH_SECONDS = 3

/** Team owners, admins and instructors upload the documents the tutor answers from, and watch them being ingested. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await canManageDocuments(await requireUser(request), params.teamId)
  const [jobs, documents, urls] = await Promise.all([
    listIngestionJobs(access),
    listDocuments(access),
    listMonitoredUrls(access),
  ])
  return {
    team: { id: access.team.id, name: access.team.name },
    jobs,
    documents,
    urls,
    active: jobs.some((job) => job.status === 'pending' || job.status === 'processing'),
  }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const access = await canManageDocuments(await requireUser(request), params.teamId)
  const teamId = access.team.id
  const here = `/teams/${teamId}/documents`
  let values: Record<string, string> = {}
  let intent = ''
  try {
    // The size limit holds while the body streams in (413 for the file field, nothing read past it).
    const formData = await readUploadForm(request, {
      field: 'file',
      maxBytes: MAX_DOCUMENT_BYTES,
      tooLarge: DOCUMENT_TOO_LARGE,
    })
    values = formValues(formData)
    intent = values.intent ?? ''
    const form = parseForm(formData, DocumentsPageAction)
    if (!form.ok) return refuseForm(form, { intent })
    const input = form.value
    switch (input.intent) {
      case 'upload': {
        const file = uploadedFile(formData, 'file')
        if (!file) throw new Invalid('Choose a file to upload.', 'file')
        const started = await ingestDocument(
          access.user,
          teamId,
          { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
          'file',
        )
        if (started.outcome === 'unchanged')
          return redirectWithToast(here, { kind: 'info', message: 'This document is already ingested unchanged.' })
        kickIngestionWorker()
        return redirectWithToast(here, 'The document was uploaded; it is being processed.')
      }
      case 'delete-document': {
        const { title } = await deleteDocument(access, input.documentId)
        return redirectWithToast(here, `“${title}” was deleted.`)
      }
      case 'add-url': {
        const { url } = await addMonitoredUrl(access, input)
        return redirectWithToast(here, `${url} is now monitored.`)
      }
      case 'remove-url': {
        const { url } = await removeMonitoredUrl(access, input.monitoredUrlId)
        return redirectWithToast(here, `${url} is no longer monitored.`)
      }
      case 'toggle-url': {
        const { url } = await setMonitoredUrlEnabled(access, input.monitoredUrlId, input.enabled)
        return redirectWithToast(here, input.enabled ? `${url} is checked again.` : `${url} is paused.`)
      }
    }
  } catch (error) {
    return refuseForm(error, { intent, values })
  }
})

const STATUS_LABEL = { pending: 'Waiting', processing: 'Processing', completed: 'Completed', failed: 'Failed' } as const
const DOCUMENT_STATUS = { pending: 'Waiting', processing: 'Processing', ready: 'Ready', failed: 'Failed' } as const

export default function TeamDocumentsPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!data.active) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, REFRESH_SECONDS * 1000)
    return () => clearInterval(timer)
  }, [data.active, revalidator])
  const errorsOf = (form: string) => (result?.intent === form ? (result.fieldErrors ?? {}) : {})
  const here = `/teams/${data.team.id}/documents`
  return (
    <Page titleId="documents-title" className="team-documents">
      {/* Without JavaScript the page reloads itself while a job runs; with it, the revalidator above does. */}
      {data.active ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
        </noscript>
      ) : null}
      <p>
        <Link to={`/teams/${data.team.id}`}>← {data.team.name}</Link>
      </p>
      <h1 id="documents-title">Documents</h1>
      <p className="lead">The tutor answers your team’s questions from these documents.</p>
      <ErrorSummary fieldErrors={result?.fieldErrors ?? {}} formErrors={result?.formErrors} />

      <section aria-labelledby="upload-title">
        <h2 id="upload-title">Upload a document</h2>
        <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
          <Field
            label="File to upload"
            hint="PDF, Word (.docx), HTML, Markdown or plain text, up to 10 MB."
            errors={errorsOf('upload').file}
          >
            {(props) => (
              <input
                type="file"
                name="file"
                accept=".pdf,.docx,.html,.htm,.md,.markdown,.txt,application/pdf,text/*"
                {...props}
              />
            )}
          </Field>
          <div>
            <SubmitButton name="intent" value="upload" pendingText="Uploading…">
              Upload
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">Ingestion jobs</h2>
        {data.active ? (
          <p role="status">
            A job is running; this page updates by itself. <Link to={here}>Refresh</Link>
          </p>
        ) : null}
        {data.jobs.length === 0 ? (
          <p>No document has been uploaded yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Chunks</th>
                <th scope="col">Nuggets</th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((job) => (
                <tr key={job.id} data-job-status={job.status}>
                  <th scope="row">
                    {job.title ?? job.source}
                    {job.title && job.title !== job.source ? <span className="hint"> ({job.source})</span> : null}
                  </th>
                  <td>
                    {STATUS_LABEL[job.status]}
                    {job.unchanged ? ' (unchanged)' : null}
                    {job.errorMessage ? <p className="field-error">{job.errorMessage}</p> : null}
                  </td>
                  <td>
                    <ProgressBar
                      fraction={job.progress}
                      label={`Progress of ${job.source}`}
                      valueText={`${Math.round(job.progress * 100)}%`}
                    />
                  </td>
                  <td>{job.chunks === null ? '—' : `${job.chunksDone} / ${job.chunks}`}</td>
                  <td>{job.nuggetCount ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="library-title">
        <h2 id="library-title">Documents</h2>
        {data.documents.length === 0 ? (
          <p>No documents yet.</p>
        ) : (
          <ul className="stack">
            {data.documents.map((doc) => (
              <li key={doc.id} className="card">
                <strong>{doc.title}</strong> <span className="hint">{doc.source}</span>
                <p>
                  {DOCUMENT_STATUS[doc.status]} · {doc.chunks} chunks · {doc.nuggets} nuggets
                  {doc.errorMessage ? <span className="field-error"> · {doc.errorMessage}</span> : null}
                </p>
                <Form method="post">
                  <input type="hidden" name="documentId" value={doc.id} />
                  <ConfirmButton
                    name="intent"
                    value="delete-document"
                    pendingText="Deleting…"
                    confirmLabel={`Delete ${doc.title}`}
                    question={`Delete “${doc.title}” and its chunks? The tutor will no longer answer from it.`}
                  >
                    Delete<span className="visually-hidden"> {doc.title}</span>
                  </ConfirmButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="urls-title">
        <h2 id="urls-title">Monitored web pages</h2>
        <p>Each page is checked at its interval and ingested again when it changed.</p>
        {data.urls.length === 0 ? null : (
          <ul className="stack">
            {data.urls.map((url) => (
              <li key={url.id} className="card">
                <strong>{url.url}</strong>
                <p>
                  {url.enabled ? 'On' : 'Paused'} · every {url.checkInterval} minutes · last checked{' '}
                  {url.lastChecked ? new Date(url.lastChecked).toISOString().slice(0, 16).replace('T', ' ') : 'never'}
                </p>
                <Form method="post" className="inline">
                  <input type="hidden" name="monitoredUrlId" value={url.id} />
                  <input type="hidden" name="enabled" value={url.enabled ? 'false' : 'true'} />
                  <SubmitButton name="intent" value="toggle-url" pendingText="Saving…" className="button secondary">
                    {url.enabled ? 'Pause' : 'Resume'}
                    <span className="visually-hidden"> {url.url}</span>
                  </SubmitButton>
                </Form>
                <Form method="post" className="inline">
                  <input type="hidden" name="monitoredUrlId" value={url.id} />
                  <SubmitButton name="intent" value="remove-url" pendingText="Removing…" className="button secondary">
                    Stop monitoring<span className="visually-hidden"> {url.url}</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="stack card" noValidate>
          <Field label="Web page address" hint="http:// or https://" errors={errorsOf('add-url').url}>
            {(props) => (
              <input
                name="url"
                type="url"
                maxLength={2000}
                defaultValue={result?.intent === 'add-url' ? result.values.url : ''}
                {...props}
              />
            )}
          </Field>
          <Field
            label="Check every (minutes)"
            hint={`${MIN_CHECK_MINUTES} to ${MAX_CHECK_MINUTES} minutes; 1440 is once a day.`}
            errors={errorsOf('add-url').checkInterval}
          >
            {(props) => (
              <input
                name="checkInterval"
                type="number"
                inputMode="numeric"
                min={MIN_CHECK_MINUTES}
                max={MAX_CHECK_MINUTES}
                defaultValue={result?.intent === 'add-url' ? result.values.checkInterval : '1440'}
                {...props}
              />
            )}
          </Field>
          <div>
            <SubmitButton name="intent" value="add-url" pendingText="Adding…">
              Monitor this page
            </SubmitButton>
          </div>
        </Form>
      </section>
    </Page>
  )
}
