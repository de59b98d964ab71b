import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { ImagePreview } from '~/components/ui/image-preview'
import { SubmitButton } from '~/components/ui/submit-button'
import { IMAGE_ACCEPT, IMAGE_RULES_HINT, imageSrc } from '~/modules/content/images'
import { ImageRejected, deleteImage, inspectImage, readUploadForm, saveImage, uploadedFile } from '~/modules/content/images.server'
import { requireTeamPermission, teamIdParam } from '~/modules/teams/access.server'
import { TeamRefusal, failure, invalid } from '~/modules/teams/refusal.server'
import { auditSettings, getTeamSettings, listSubjectChoices, updateTeamSettings } from '~/modules/teams/settings.server'
import { TeamSettingsAction, joinAll } from '~/modules/teams/team-input'
import { withHttpErrors } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Settings — ${data?.team.name ?? 'Team'} — Questlog` }]

const PERMISSION = 'update:team-settings:own-team'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireTeamPermission(request, teamIdParam(params), PERMISSION)
  const [team, subjects] = await withHttpErrors(() => Promise.all([getTeamSettings(access.team.id), listSubjectChoices()]))
  const saved = new URL(request.url).searchParams.get('saved')
  return {
    team: { ...team, image: team.image && { src: imageSrc(team.image) } },
    subjects,
    saved: saved === 'image-removed' ? 'The team image was removed.' : saved ? 'The settings were saved.' : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireTeamPermission(request, teamIdParam(params), PERMISSION)
  const teamId = access.team.id
  const upload = await readUploadForm(request, 'image')
  if (!upload.ok) {
    const error = new TeamRefusal(upload.message, upload.status, upload.field ?? undefined)
    return failure('save', error)
  }
  const formData = joinAll(upload.formData, 'subjects')
  const form = parseForm(formData, TeamSettingsAction)
  if (!form.ok) return invalid(formData.get('intent'), form)
  const input = form.value
  const origin = requestOrigin(request, context)
  const values = Object.fromEntries([...formData].filter((e): e is [string, string] => typeof e[1] === 'string'))
  try {
    if (input.intent === 'remove-image') {
      if (await deleteImage({ teamId })) await auditSettings(teamId, access.user.id, ['image'], origin)
      return redirect(`/teams/${teamId}/settings?saved=image-removed`)
    }
    // The image is checked before anything is written, so a refused file changes nothing.
    const image = uploadedFile(upload.formData, 'image')
    if (image) await inspectImage(image).catch((error: unknown) => Promise.reject(atImageField(error)))
    await updateTeamSettings(teamId, access.user.id, input, origin)
    if (image) {
      await saveImage({ file: image, owner: { teamId } })
      await auditSettings(teamId, access.user.id, ['image'], origin)
    }
    return redirect(`/teams/${teamId}/settings?saved=1`)
  } catch (error) {
    return failure(input.intent, error, values)
  }
}

/** A refused upload is shown at the image field. */
function atImageField(error: unknown): unknown {
  return error instanceof ImageRejected ? new TeamRefusal(error.message, error.status, 'image') : error
}

export default function TeamSettingsPage() {
  const { team, subjects, saved } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values
  const chosen = new Set(values && Object.keys(values).length ? (values.subjects?.split(',') ?? []) : team.subjects)
  return (
    <section aria-labelledby="settings-title" className="team-settings">
      <p>
        <Link to={`/teams/${team.id}`}>← {team.name}</Link>
      </p>
      <h1 id="settings-title">Team settings</h1>
      {saved && !result ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />

      <ImagePreview src={team.image?.src ?? null} alt={`Image of ${team.name}`} fallback={team.name} removeIntent="remove-image" removeLabel="Remove image" />

      <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
        <Field label="Team name" hint="2 to 60 characters." errors={errors.name}>
          {(props) => <input name="name" maxLength={60} defaultValue={values?.name ?? team.name} {...props} />}
        </Field>
        <Field label="Description (optional)" hint="Up to 500 characters." errors={errors.description}>
          {(props) => <textarea name="description" maxLength={500} defaultValue={values?.description ?? team.description ?? ''} {...props} />}
        </Field>
        <Field label="Daily XP goal (optional)" hint="1 to 500 XP. Leave it empty to let each member keep their own goal." errors={errors.dailyXpGoal}>
          {(props) => (
            <input name="dailyXpGoal" type="number" inputMode="numeric" min={1} max={500} defaultValue={values?.dailyXpGoal ?? team.dailyXpGoal ?? ''} {...props} />
          )}
        </Field>
        <fieldset className="subjects" aria-describedby={errors.subjects ? 'subjects-error' : 'subjects-hint'}>
          <legend>Subjects the team studies</legend>
          <p className="hint" id="subjects-hint">
            None ticked means all subjects.
          </p>
          {subjects.length === 0 ? (
            <p>No subjects are available yet.</p>
          ) : (
            subjects.map((subject) => (
              <label key={subject.id} className="checkbox">
                <input type="checkbox" name="subjects" value={subject.id} defaultChecked={chosen.has(subject.id)} /> {subject.title}
              </label>
            ))
          )}
          {errors.subjects ? (
            <p className="field-error" id="subjects-error">
              {errors.subjects.join(' ')}
            </p>
          ) : null}
        </fieldset>
        <Field label={team.image ? 'Replace the team image (optional)' : 'Team image (optional)'} hint={IMAGE_RULES_HINT} errors={errors.image}>
          {(props) => <input type="file" name="image" accept={IMAGE_ACCEPT} {...props} />}
        </Field>
        <div>
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save settings
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}
