import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { ImagePreview } from '~/components/ui/image-preview'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { IMAGE_ACCEPT, IMAGE_RULES_HINT, MAX_IMAGE_BYTES, imageSrc } from '~/modules/content/images'
import { IMAGE_TOO_LARGE, deleteImage, inspectImage, saveImage, uploadedFile } from '~/modules/content/images.server'
import { teamAccess } from '~/modules/teams/access.server'
import { auditSettings, getTeamSettings, listSubjectChoices, updateTeamSettings } from '~/modules/teams/settings.server'
import { TeamSettingsAction, joinAll } from '~/modules/teams/team-input'
import { formValues } from '~/utils/api.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'
import { readUploadForm } from '~/utils/upload.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Settings — ${data?.team.name ?? 'Team'} — Questlog` },
]

const PERMISSION = 'update:team-settings:own-team'

export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, PERMISSION)
  const [team, subjects] = await Promise.all([getTeamSettings(access.team.id), listSubjectChoices()])
  return { team: { ...team, image: team.image && { src: imageSrc(team.image) } }, subjects }
})

export const action = page(async ({ request, params, context }: ActionFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, PERMISSION)
  const teamId = access.team.id
  let values: Record<string, string> = {}
  let intent = 'save'
  try {
    const upload = await readUploadForm(request, {
      field: 'image',
      maxBytes: MAX_IMAGE_BYTES,
      tooLarge: IMAGE_TOO_LARGE,
    })
    const formData = joinAll(upload, 'subjects')
    values = formValues(formData)
    const form = parseForm(formData, TeamSettingsAction)
    if (!form.ok) return refuseForm(form, { intent: values.intent })
    const input = form.value
    intent = input.intent
    const origin = requestOrigin(request, context)
    if (input.intent === 'remove-image') {
      if (await deleteImage({ teamId })) await auditSettings(teamId, access.user.id, ['image'], origin)
      return redirectWithToast(`/teams/${teamId}/settings`, 'The team image was removed.')
    }
    // The image is checked before anything is written, so a refused file changes nothing.
    const image = uploadedFile(upload, 'image')
    if (image) await inspectImage(image, 'image')
    await updateTeamSettings(teamId, access.user.id, input, origin)
    if (image) {
      await saveImage({ file: image, owner: { teamId } })
      await auditSettings(teamId, access.user.id, ['image'], origin)
    }
    return redirectWithToast(`/teams/${teamId}/settings`, 'The settings were saved.')
  } catch (error) {
    return refuseForm(error, { intent, values })
  }
})

export default function TeamSettingsPage() {
  const { team, subjects } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values
  const chosen = new Set(values && Object.keys(values).length ? (values.subjects?.split(',') ?? []) : team.subjects)
  return (
    <Page titleId="settings-title" className="team-settings">
      <p>
        <Link to={`/teams/${team.id}`}>← {team.name}</Link>
      </p>
      <h1 id="settings-title">Team settings</h1>
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />

      <ImagePreview
        src={team.image?.src ?? null}
        alt={`Image of ${team.name}`}
        fallback={team.name}
        removeIntent="remove-image"
        removeLabel="Remove image"
      />

      <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
        <Field label="Team name" hint="2 to 60 characters." errors={errors.name}>
          {(props) => <input name="name" maxLength={60} defaultValue={values?.name ?? team.name} {...props} />}
        </Field>
        <Field label="Description (optional)" hint="Up to 500 characters." errors={errors.description}>
          {(props) => (
            <textarea
              name="description"
              maxLength={500}
              defaultValue={values?.description ?? team.description ?? ''}
              {...props}
            />
          )}
        </Field>
        <Field
          label="Daily XP goal (optional)"
          hint="1 to 500 XP. Leave it empty to let each member keep their own goal."
          errors={errors.dailyXpGoal}
        >
          {(props) => (
            <input
              name="dailyXpGoal"
              type="number"
              inputMode="numeric"
              min={1}
              max={500}
              defaultValue={values?.dailyXpGoal ?? team.dailyXpGoal ?? ''}
              {...props}
            />
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
                <input type="checkbox" name="subjects" value={subject.id} defaultChecked={chosen.has(subject.id)} />{' '}
                {subject.title}
              </label>
            ))
          )}
          {errors.subjects ? (
            <p className="field-error" id="subjects-error">
              {errors.subjects.join(' ')}
            </p>
          ) : null}
        </fieldset>
        <Field
          label={team.image ? 'Replace the team image (optional)' : 'Team image (optional)'}
          hint={IMAGE_RULES_HINT}
          errors={errors.image}
        >
          {(props) => <input type="file" name="image" accept={IMAGE_ACCEPT} {...props} />}
        </Field>
        <div>
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save settings
          </SubmitButton>
        </div>
      </Form>
    </Page>
  )
}
