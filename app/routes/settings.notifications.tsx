import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { PushDevices } from '~/modules/notifications/components/push-devices'
import { formatTimeOfDay } from '~/modules/notifications/delivery-rules'
import { channelsOf } from '~/modules/notifications/preference-rules'
import { PreferencesForm } from '~/modules/notifications/preferences-input'
import { pushDevicesView } from '~/modules/notifications/push-subscriptions.server'
import { readNotificationSettings, saveNotificationSettings } from '~/modules/notifications/preferences.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Notifications — Settings — Questlog' }]

const CHANNELS = [
  { key: 'inApp', label: 'In-app' },
  { key: 'email', label: 'E-mail' },
  { key: 'emailDigest', label: 'Daily digest' },
  { key: 'push', label: 'Push' },
] as const

const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const [preferences, push] = await Promise.all([readNotificationSettings(user.id), pushDevicesView(user.id)])
  return { ...preferences, push, timezone: user.timezone }
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), PreferencesForm)
  if (!form.ok) return refuseForm(form, { intent: 'save' })
  await saveNotificationSettings(user.id, form.value, new Date())
  return redirectWithToast('/settings/notifications', 'Your notification settings were saved.')
})

export default function NotificationSettings() {
  const settings = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errors = result?.fieldErrors ?? {}
  // After a refused save, the boxes as they were sent (an unchecked box sends nothing).
  const sent = result?.values
  const checked = (type: string, channel: string, saved: boolean) =>
    sent ? sent[`${type}.${channel}`] === 'on' : saved
  const time = (name: 'quietStart' | 'quietEnd', saved: number | null) =>
    sent ? (sent[name] ?? '') : saved === null ? '' : formatTimeOfDay(saved)
  return (
    <Page titleId="notification-settings-title">
      <h1 id="notification-settings-title">Notifications</h1>
      <p className="lead">
        Choose how each kind of notification reaches you. E-mails marked for the daily digest come together in one
        e-mail a day.
      </p>
      <ErrorSummary fieldErrors={errors} formErrors={result?.formErrors} />
      <Form method="post" className="stack card" noValidate>
        <table className="notification-prefs">
          <caption className="visually-hidden">Channels per kind of notification</caption>
          <thead>
            <tr>
              <th scope="col">Notification</th>
              {CHANNELS.map((channel) => (
                <th key={channel.key} scope="col">
                  {channel.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {settings.preferences.map((row) => (
              <tr key={row.type}>
                <th scope="row">{row.label}</th>
                {CHANNELS.map((channel) => (
                  <td key={channel.key}>
                    {channelsOf(row.type).includes(channel.key) ? (
                      <input
                        type="checkbox"
                        name={`${row.type}.${channel.key}`}
                        value="on"
                        aria-label={`${row.label}: ${channel.label}`}
                        defaultChecked={checked(row.type, channel.key, row[channel.key])}
                      />
                    ) : (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">no {channel.label.toLowerCase()} switch</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Push reaches only the devices where you turned it on. A team invitation is always e-mailed to the invited
          address, so it has no e-mail switch here.
        </p>
        <fieldset className="stack">
          <legend>Quiet hours</legend>
          <p className="hint">
            No e-mail or push in this time; what comes in waits until it ends. Leave both empty for none. Times are in
            your time zone, {settings.timezone} (<Link to="/settings/profile">change it in your profile</Link>).
          </p>
          <Field label="Quiet from" hint="e.g. 22:00" errors={errors.quietStart}>
            {(props) => (
              <input
                type="time"
                name="quietStart"
                defaultValue={time('quietStart', settings.quietHoursStart)}
                {...props}
              />
            )}
          </Field>
          <Field label="Quiet until" hint="e.g. 07:00 (the next morning when it is earlier)" errors={errors.quietEnd}>
            {(props) => (
              <input type="time" name="quietEnd" defaultValue={time('quietEnd', settings.quietHoursEnd)} {...props} />
            )}
          </Field>
        </fieldset>
        <Field label="Daily digest at" hint={`In your time zone, ${settings.timezone}.`} errors={errors.digestHour}>
          {(props) => (
            <select name="digestHour" defaultValue={sent?.digestHour ?? String(settings.digestHour)} {...props}>
              {HOURS.map((hour) => (
                <option key={hour} value={hour}>
                  {formatTimeOfDay(hour * 60)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save notification settings
          </SubmitButton>
        </div>
      </Form>
      <PushDevices view={settings.push} />
    </Page>
  )
}
