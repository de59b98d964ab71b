import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { type ReactNode, useEffect } from 'react'
import { ConfirmButton } from '~/components/ui/confirm-button'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { ProgressBar } from '~/components/ui/progress-bar'
import { SubmitButton } from '~/components/ui/submit-button'
import { uploadedFile } from '~/modules/content/images.server'
import {
  DocumentsPageAction,
  MAX_CHECK_MINUTES,
  MIN_CHECK_MINUTES,
  WATCHED_FILE_TYPES,
} from '~/modules/knowledge/document-input'
import { documentHref } from '~/modules/knowledge/document-view'
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
import {
  addWatchedFolder,
  listWatchedFolders,
  removeWatchedFolder,
  scanTeamWatchedFolder,
  setWatchedFolderEnabled,
  watchedFolderRoots,
} from '~/modules/knowledge/watched-folders.server'
import { joinAll } from '~/modules/teams/team-input'
import { formValues } from '~/utils/api.server'
import { requireUser } from '~/utils/auth.server'
import { Invalid } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { formatUtc } from '~/utils/time'
import { readUploadForm } from '~/utils/upload.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Documents — ${data?.team.name ?? 'Team'} — Questlog` },
]

/** How often the page looks again while a job runs (with JavaScript; the meta refresh without). */
const REFRESH_SECONDS = 3

const FILE_TYPE_LABEL = { txt: 'Plain text', md: 'Markdown', html: 'HTML', pdf: 'PDF', docx: 'Word (.docx)' } as const
const when = (at: Date | null) => at?.toISOString() ?? null

/**
 * Team owners, admins and instructors upload the documents the tutor answers from, and watch them
 * being ingested; they also manage monitored web pages and, where the server allows some
 * (WATCHED_FOLDER_ROOTS), watched folders.
 */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await canManageDocuments(await requireUser(request), params.teamId)
  const folderRoots = watchedFolderRoots()
  const [jobs, documents, urls, folders] = await Promise.all([
    listIngestionJobs(access),
    listDocuments(access),
    listMonitoredUrls(access),
    folderRoots.length ? listWatchedFolders(access) : null,
  ])
  return {
    team: { id: access.team.id, name: access.team.name },
    jobs,
    documents,
    urls: urls.map((url) => ({ ...url, lastChecked: when(url.lastChecked) })),
    /** null: watched folders are off on this server */
    watched: folders && {
      roots: folderRoots,
      folders: folders.map((folder) => ({ ...folder, lastScannedAt: when(folder.lastScannedAt) })),
    },
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
    values = formValues(formData, ['fileTypes'])
    intent = values.intent ?? ''
    const form = parseForm(joinAll(formData, 'fileTypes'), DocumentsPageAction)
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
      case 'add-folder': {
        const { path } = await addWatchedFolder(access, input)
        return redirectWithToast(
          here,
          input.autoProcess
            ? `${path} is now watched.`
            : `${path} is now watched: press “Scan now” to ingest its files.`,
        )
      }
      case 'remove-folder': {
        const { path } = await removeWatchedFolder(access, input.watchedFolderId)
        return redirectWithToast(here, `${path} is no longer watched; its documents stay.`)
      }
      case 'toggle-folder': {
        const { path } = await setWatchedFolderEnabled(access, input.watchedFolderId, input.enabled)
        return redirectWithToast(here, input.enabled ? `${path} is watched again.` : `${path} is paused.`)
      }
      case 'scan-folder': {
        const { path, summary } = await scanTeamWatchedFolder(access, input.watchedFolderId)
        if (summary.queued) kickIngestionWorker()
        const failed = summary.failed + summary.skipped
        return redirectWithToast(here, {
          kind: failed ? 'info' : 'success',
          message: `${path} scanned: ${summary.queued} new or changed, ${summary.unchanged} unchanged${failed ? `, ${failed} could not be read (too large or unreadable)` : ''}.`,
        })
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
  const folderValues = result?.intent === 'add-folder' ? result.values : null
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
      <p className="lead">
        The tutor answers your team’s questions from these documents. Each document’s sections are proposed as{' '}
        <Link to={`/teams/${data.team.id}/nuggets`}>nuggets</Link> — short lessons to review and publish.
      </p>
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
                {doc.status === 'ready' ? (
                  <Link to={documentHref(doc.id)}>
                    <strong>{doc.title}</strong>
                  </Link>
                ) : (
                  <strong>{doc.title}</strong>
                )}{' '}
                <span className="hint">{doc.source}</span>
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
                  <LastTime at={url.lastChecked} />
                </p>
                <RowAction
                  fields={{ monitoredUrlId: url.id, enabled: url.enabled ? 'false' : 'true' }}
                  intent="toggle-url"
                  pendingText="Saving…"
                >
                  {url.enabled ? 'Pause' : 'Resume'}
                  <span className="visually-hidden"> {url.url}</span>
                </RowAction>
                <RowAction fields={{ monitoredUrlId: url.id }} intent="remove-url" pendingText="Removing…">
                  Stop monitoring<span className="visually-hidden"> {url.url}</span>
                </RowAction>
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

      {data.watched ? (
        <WatchedFolders watched={data.watched} errors={errorsOf('add-folder')} values={folderValues} />
      ) : null}
    </Page>
  )
}

/** A one-button form acting on one row (pause, resume, remove …). */
function RowAction({
  fields,
  intent,
  pendingText,
  children,
}: {
  fields: Record<string, string>
  intent: string
  pendingText: string
  children: ReactNode
}) {
  return (
    <Form method="post" className="inline">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton name="intent" value={intent} pendingText={pendingText} className="button secondary">
        {children}
      </SubmitButton>
    </Form>
  )
}

function LastTime({ at }: { at: string | null }) {
  return at ? <time dateTime={at}>{formatUtc(at)}</time> : <>never</>
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function WatchedFolders({
  watched,
  errors,
  values,
}: {
  watched: NonNullable<LoaderData['watched']>
  errors: Record<string, string[] | undefined>
  /** what was sent, when adding a folder was refused */
  values: Record<string, string> | null
}) {
  const chosenTypes = new Set(values ? (values.fileTypes?.split(',') ?? []) : WATCHED_FILE_TYPES)
  return (
    <section aria-labelledby="folders-title">
      <h2 id="folders-title">Watched folders</h2>
      <p>
        Files of the chosen types in a folder on the server are ingested as documents, and again when they change.
        Folders must lie under {watched.roots.join(', ')}.
      </p>
      {watched.folders.length === 0 ? null : (
        <ul className="stack">
          {watched.folders.map((folder) => (
            <li key={folder.id} className="card">
              <strong>{folder.path}</strong>
              <p>
                {folder.enabled ? (folder.autoProcess ? 'Scanned every 5 minutes' : 'Scanned on request') : 'Paused'} ·{' '}
                {folder.fileTypes.map((type) => FILE_TYPE_LABEL[type]).join(', ')}
                {folder.recursive ? ', subfolders included' : ''} · last scanned <LastTime at={folder.lastScannedAt} />
              </p>
              {folder.enabled ? (
                <RowAction fields={{ watchedFolderId: folder.id }} intent="scan-folder" pendingText="Scanning…">
                  Scan now<span className="visually-hidden"> {folder.path}</span>
                </RowAction>
              ) : null}
              <RowAction
                fields={{ watchedFolderId: folder.id, enabled: folder.enabled ? 'false' : 'true' }}
                intent="toggle-folder"
                pendingText="Saving…"
              >
                {folder.enabled ? 'Pause' : 'Resume'}
                <span className="visually-hidden"> {folder.path}</span>
              </RowAction>
              <RowAction fields={{ watchedFolderId: folder.id }} intent="remove-folder" pendingText="Removing…">
                Stop watching<span className="visually-hidden"> {folder.path}</span>
              </RowAction>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="stack card" noValidate>
        <Field label="Folder path" hint={`An absolute path under ${watched.roots.join(', ')}.`} errors={errors.path}>
          {(props) => <input name="path" maxLength={1000} defaultValue={values?.path ?? ''} {...props} />}
        </Field>
        <fieldset aria-describedby={errors.fileTypes ? 'folder-types-error' : undefined}>
          <legend>File types</legend>
          {WATCHED_FILE_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input type="checkbox" name="fileTypes" value={type} defaultChecked={chosenTypes.has(type)} />{' '}
              {FILE_TYPE_LABEL[type]}
            </label>
          ))}
          {errors.fileTypes ? (
            <p className="field-error" id="folder-types-error">
              {errors.fileTypes.join(' ')}
            </p>
          ) : null}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" name="recursive" defaultChecked={values ? values.recursive === 'on' : true} /> Include
          subfolders
        </label>
        <label className="checkbox">
          <input type="checkbox" name="autoProcess" defaultChecked={values ? values.autoProcess === 'on' : true} /> Scan
          automatically every 5 minutes (otherwise only when you press “Scan now”)
        </label>
        <div>
          <SubmitButton name="intent" value="add-folder" pendingText="Adding…">
            Watch this folder
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}
