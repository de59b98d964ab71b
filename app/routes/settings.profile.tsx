import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { ImagePreview } from '~/components/ui/image-preview'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { DisplayName, TimeZone, Username, isTimeZone } from '~/modules/accounts/account-input'
import { getProfile, updateProfile } from '~/modules/accounts/profile.server'
import { badgesOf } from '~/modules/challenges/challenge-detail.server'
import { ChallengeBadges } from '~/modules/challenges/components/challenge-badges'
import { IMAGE_ACCEPT, IMAGE_RULES_HINT, MAX_IMAGE_BYTES, imageSrc } from '~/modules/content/images'
import { IMAGE_TOO_LARGE, deleteImage, inspectImage, saveImage, uploadedFile } from '~/modules/content/images.server'
import { recordAudit } from '~/modules/system/audit.server'
import { formValues } from '~/utils/api.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'
import { readUploadForm } from '~/utils/upload.server'

export const meta: MetaFunction = () => [{ title: 'Profile — Settings — Questlog' }]

const DAILY_XP_GOALS = ['10', '20', '30', '50'] as const
const HOURS = Array.from({ length: 24 }, (_, hour) => hour)
/** The weeks people keep: ISO weekdays, as User.weekStartsOn stores them. */
const WEEK_STARTS = [
  { value: '1', label: 'Monday' },
  { value: '7', label: 'Sunday' },
  { value: '6', label: 'Saturday' },
] as const

const ProfileForm = z.object({
  name: DisplayName,
  username: Username,
  timezone: TimeZone,
  dayStartHour: z
    .string({ message: 'Choose the hour your day starts' })
    .regex(/^\d{1,2}$/, 'Choose an hour from 0 to 23')
    .transform(Number)
    .refine((hour) => hour <= 23, 'Choose an hour from 0 to 23'),
  weekStartsOn: z.enum(['1', '7', '6'], { message: 'Choose Monday, Sunday or Saturday' }).transform(Number),
  dailyXpGoal: z.enum(DAILY_XP_GOALS, { message: 'Choose a daily goal of 10, 20, 30 or 50 XP' }).transform(Number),
  // a checkbox: "on" when ticked, absent when not
  hideFromBoards: z
    .literal('on', { message: 'Tick the box or leave it empty' })
    .optional()
    .transform((v) => v === 'on'),
})

let knownTimeZones: readonly string[] | undefined

function timeZones(current: string): readonly string[] {
  knownTimeZones ??= (() => {
    const zones = Intl.supportedValuesOf('timeZone').filter(isTimeZone)
    return zones.includes('UTC') ? zones : ['UTC', ...zones]
  })()
  // A saved zone the list lacks (a legacy alias) stays selectable.
  return knownTimeZones.includes(current) ? knownTimeZones : [current, ...knownTimeZones]
}

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const [profile, badges] = await Promise.all([getProfile(user.id), badgesOf(user.id)])
  return { profile, badges, timeZones: timeZones(profile.timezone) }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  let values: Record<string, string> = {}
  try {
    const formData = await readUploadForm(request, {
      field: 'avatar',
      maxBytes: MAX_IMAGE_BYTES,
      tooLarge: IMAGE_TOO_LARGE,
    })
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
      if (await deleteImage({ userId: user.id })) await audit(['avatar'])
      return redirectWithToast('/settings/profile', 'Your photo was removed.')
    }

    values = formValues(formData)
    const form = parseForm(formData, ProfileForm)
    if (!form.ok) return refuseForm(form)
    // The photo is checked before anything is written, so a refused file leaves the profile as it was.
    const avatar = uploadedFile(formData, 'avatar')
    if (avatar) await inspectImage(avatar, 'avatar')
    const changed = await updateProfile(user.id, form.value)
    if (avatar) {
      await saveImage({ file: avatar, owner: { userId: user.id } })
      changed.push('avatar')
    }
    if (changed.length > 0) await audit(changed)
    return redirectWithToast('/settings/profile', 'Your profile was saved.')
  } catch (error) {
    return refuseForm(error, { values })
  }
})

export default function ProfileSettings() {
  const { profile, badges, timeZones } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  const values = result?.values ?? {}
  const value = (field: string, current: string | number | null) => values[field] ?? String(current ?? '')
  return (
    <Page titleId="profile-title">
      <h1 id="profile-title">Profile</h1>
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
          {(props) => (
            <input
              name="name"
              autoComplete="name"
              defaultValue={value('name', profile.name)}
              maxLength={80}
              {...props}
            />
          )}
        </Field>
        <Field label="Username" hint="3 to 20 letters, digits or underscores." errors={errors.username}>
          {(props) => (
            <input
              name="username"
              autoComplete="username"
              defaultValue={value('username', profile.username)}
              maxLength={20}
              {...props}
            />
          )}
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
        <Field
          label="My day starts at"
          hint="Practice before this hour still counts for the day before."
          errors={errors.dayStartHour}
        >
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
        <Field label="My week starts on" hint="Weekly streaks count these weeks." errors={errors.weekStartsOn}>
          {(props) => (
            <select name="weekStartsOn" defaultValue={value('weekStartsOn', profile.weekStartsOn)} {...props}>
              {WEEK_STARTS.map((day) => (
                <option key={day.value} value={day.value}>
                  {day.label}
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
        <Field
          label={profile.image ? 'Replace photo (optional)' : 'Photo (optional)'}
          hint={IMAGE_RULES_HINT}
          errors={errors.avatar}
        >
          {(props) => <input type="file" name="avatar" accept={IMAGE_ACCEPT} {...props} />}
        </Field>
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              name="hideFromBoards"
              defaultChecked={result ? values.hideFromBoards === 'on' : profile.hideFromBoards}
              aria-describedby="hide-from-boards-hint"
            />{' '}
            Hide me from public leaderboards
          </label>
          <span className="hint" id="hide-from-boards-hint">
            Other learners will not see you on challenge and team boards; you still see your own rank, and your
            team&apos;s admins still see you.
          </span>
        </div>
        <div>
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save profile
          </SubmitButton>
        </div>
      </Form>
      <ChallengeBadges badges={badges} />
    </Page>
  )
}
