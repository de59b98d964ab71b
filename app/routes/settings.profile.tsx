import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { ImagePreview } from '~/components/ui/image-preview'
import { SubmitButton } from '~/components/ui/submit-button'
import { DisplayName, TimeZone, Username, isTimeZone } from '~/modules/accounts/account-input'
import { UsernameTaken, getProfile, updateProfile } from '~/modules/accounts/profile.server'
import { requireUser } from '~/modules/accounts/session.server'
import { IMAGE_ACCEPT, IMAGE_RULES_HINT, imageSrc } from '~/modules/content/images'
import { ImageRejected, deleteImage, inspectImage, readUploadForm, saveImage, uploadedFile } from '~/modules/content/images.server'
import { recordAudit } from '~/modules/system/audit.server'
import { withHttpErrors } from '~/utils/errors.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'Profile — Settings — Questlog' }]

const DAILY_XP_GOALS = ['10', '20', '30', '50'] as const
const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

const ProfileForm = z.object({
  name: DisplayName,
  username: Username,
  timezone: TimeZone,
  dayStartHour: z
    .string({ message: 'Choose the hour your day starts' })
    .regex(/^\d{1,2}$/, 'Choose an hour from 0 to 23')
    .transform(Number)
    .refine((hour) => hour <= 23, 'Choose an hour from 0 to 23'),
  dailyXpGoal: z.enum(DAILY_XP_GOALS, { message: 'Choose a daily goal of 10, 20, 30 or 50 XP' }).transform(Number),
})

type Refusal = { ok: false; fieldErrors: FieldErrors; formErrors: string[]; values: Record<string, string> }

function refuse(status: number, fieldErrors: FieldErrors, values: Record<string, string> = {}, formErrors: string[] = []) {
  return data<Refusal>({ ok: false, fieldErrors, formErrors, values }, { status })
}

let knownTimeZones: readonly string[] | undefined

function timeZones(current: string): readonly string[] {
  knownTimeZones ??= (() => {
    const zones = Intl.supportedValuesOf('timeZone').filter(isTimeZone)
    return zones.includes('UTC') ? zones : ['UTC', ...zones]
  })()
  // A saved zone the list lacks (a legacy alias) stays selectable.
  return knownTimeZones.includes(current) ? knownTimeZones : [current, ...knownTimeZones]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const profile = await getProfile(user.id)
  const saved = new URL(request.url).searchParams.get('saved')
  return { profile, timeZones: timeZones(profile.timezone), saved: saved === 'photo-removed' ? 'photo-removed' : saved ? 'profile' : null }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const upload = await readUploadForm(request, 'avatar')
  if (!upload.ok) return refuse(upload.status, upload.field ? { [upload.field]: [upload.message] } : {}, {}, upload.field ? [] : [upload.message])
  const formData = upload.formData
  const audit = (fields: string[]) =>
    recordAudit({
      action: 'user.profile.updated',
      actorId: user.id,
      targetType: 'User',
      targetId: user.id,
      origin: requestOrigin(request, context),
      metadata: { fields: fields.join(',') },
    })

  if (formData.get('intent') === 'remove-photo') {
    if (await withHttpErrors(() => deleteImage({ userId: user.id }))) await audit(['avatar'])
    return redirect('/settings/profile?saved=photo-removed')
  }

  const form = parseForm(formData, ProfileForm)
  if (!form.ok) return data<Refusal>(form, { status: 400 })
  const values = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))

  // The photo is checked before anything is written, so a refused file leaves the profile as it was.
  const avatar = uploadedFile(formData, 'avatar')
  if (avatar) {
    try {
      await inspectImage(avatar)
    } catch (error) {
      if (error instanceof ImageRejected) return refuse(error.status, { avatar: [error.message] }, values)
      throw error
    }
  }
  const changed = await withHttpErrors(() =>
    updateProfile(user.id, form.value).catch((error: unknown) => {
      if (error instanceof UsernameTaken) return error
      throw error
    }),
  )
  if (changed instanceof UsernameTaken) return refuse(409, { username: [changed.message] }, values)
  if (avatar) {
    await withHttpErrors(() => saveImage({ file: avatar, owner: { userId: user.id } }))
    changed.push('avatar')
  }
  if (changed.length > 0) await audit(changed)
  return redirect('/settings/profile?saved=1')
}

export default function ProfileSettings() {
  const { profile, timeZones, saved } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values ?? {}
  const value = (field: string, current: string | number | null) => values[field] ?? String(current ?? '')
  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">Profile</h1>
      {saved && !result ? (
        <p className="notice" role="status">
          {saved === 'photo-removed' ? 'Your photo was removed.' : 'Your profile was saved.'}
        </p>
      ) : null}
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />

      <ImagePreview
        src={profile.image ? imageSrc(profile.image) : null}
        alt="Your profile photo"
        fallback={profile.name ?? profile.username ?? '?'}
        removeIntent="remove-photo"
        removeLabel="Remove photo"
        round
      />

      <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
        <p>
          E-mail: <strong>{profile.email}</strong>
        </p>
        <Field label="Name" errors={errors.name}>
          {(props) => <input name="name" autoComplete="name" defaultValue={value('name', profile.name)} maxLength={80} {...props} />}
        </Field>
        <Field label="Username" hint="3 to 20 letters, digits or underscores." errors={errors.username}>
          {(props) => <input name="username" autoComplete="username" defaultValue={value('username', profile.username)} maxLength={20} {...props} />}
        </Field>
        <Field label="Time zone" hint="Your days, streaks and daily goals follow this zone." errors={errors.timezone}>
          {(props) => (
            <select name="timezone" defaultValue={value('timezone', profile.timezone)} {...props}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="My day starts at" hint="Practice before this hour still counts for the day before." errors={errors.dayStartHour}>
          {(props) => (
            <select name="dayStartHour" defaultValue={value('dayStartHour', profile.dayStartHour)} {...props}>
              {HOURS.map((hour) => (
                <option key={hour} value={hour}>
                  {`${String(hour).padStart(2, '0')}:00`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Daily XP goal" errors={errors.dailyXpGoal}>
          {(props) => (
            <select name="dailyXpGoal" defaultValue={value('dailyXpGoal', profile.dailyXpGoal)} {...props}>
              {DAILY_XP_GOALS.map((goal) => (
                <option key={goal} value={goal}>
                  {goal} XP
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={profile.image ? 'Replace photo (optional)' : 'Photo (optional)'} hint={IMAGE_RULES_HINT} errors={errors.avatar}>
          {(props) => <input type="file" name="avatar" accept={IMAGE_ACCEPT} {...props} />}
        </Field>
        <div>
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save profile
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}
