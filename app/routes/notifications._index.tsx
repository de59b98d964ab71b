import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { listNotifications, markAllRead, markRead, openNotification } from '~/modules/notifications/centre.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { invariantResponse, page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { formatDayAndTime } from '~/utils/time'

export const meta: MetaFunction = () => [{ title: 'Notifications — Questlog' }]

const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) })

const notificationId = z
  .string({ message: 'Choose a notification' })
  .trim()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/i, 'Unknown notification')
const returnPage = z.coerce.number().int().min(1).max(10_000).catch(1)

const CentreForm = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('read'), id: notificationId, page: returnPage }),
    z.object({ intent: z.literal('open'), id: notificationId, page: returnPage }),
    z.object({ intent: z.literal('read-all') }),
  ],
  { message: 'Choose what to do' },
)

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const query = PageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  invariantResponse(query.success, 'The page must be a whole number from 1.', { status: 400 })
  const { items, hasMore } = await listNotifications(user.id, new Date(), query.data.page)
  return {
    page: query.data.page,
    hasMore,
    items: items.map((n) => ({
      id: n.id,
      title: n.title,
      message: n.message,
      isRead: n.isRead,
      hasLink: n.link !== null,
      createdAt: n.createdAt.toISOString(),
      // formatted here, in the learner's zone, so the server and the browser render the same text
      when: formatDayAndTime(n.createdAt, user.timezone),
    })),
  }
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), CentreForm)
  if (!form.ok) return refuseForm(form)
  const now = new Date()
  try {
    switch (form.value.intent) {
      case 'open':
        return redirect(await openNotification(user.id, form.value.id, now))
      case 'read': {
        await markRead(user.id, form.value.id, now)
        const back = form.value.page > 1 ? `/notifications?page=${form.value.page}` : '/notifications'
        return redirectWithToast(back, 'Marked as read.')
      }
      case 'read-all': {
        const count = await markAllRead(user.id, now)
        return redirectWithToast(
          '/notifications',
          count === 0
            ? 'Everything was read already.'
            : `Marked ${count} ${count === 1 ? 'notification' : 'notifications'} as read.`,
        )
      }
    }
  } catch (error) {
    return refuseForm(error, { intent: form.value.intent })
  }
})

export default function NotificationCentre() {
  const { items, page: current, hasMore } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const unread = items.some((n) => !n.isRead)
  return (
    <Page titleId="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      <p className="lead">
        What happened while you were learning. Choose what reaches you, and how, in{' '}
        <Link to="/settings/notifications">notification settings</Link>.
      </p>
      <ErrorSummary
        formErrors={[
          ...(result?.formErrors ?? []),
          ...Object.values(result?.fieldErrors ?? {}).flatMap((e) => e ?? []),
        ]}
      />
      {unread ? (
        <Form method="post" className="actions">
          <SubmitButton name="intent" value="read-all" pendingText="Marking…">
            Mark all read
          </SubmitButton>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="card">{current === 1 ? 'No notifications yet.' : 'No more notifications.'}</p>
      ) : (
        <ul className="plain-list notification-list">
          {items.map((n) => (
            <li key={n.id} className={`card notification${n.isRead ? '' : ' notification-unread'}`}>
              <h2 className="notification-title">
                {n.isRead ? null : <span className="badge">New</span>} {n.title}
              </h2>
              {n.message ? <p>{n.message}</p> : null}
              <p className="hint">
                <time dateTime={n.createdAt}>{n.when}</time>
              </p>
              <Form method="post" className="actions">
                <input type="hidden" name="id" value={n.id} />
                <input type="hidden" name="page" value={current} />
                {n.hasLink ? (
                  <button type="submit" name="intent" value="open" className="button">
                    Open<span className="visually-hidden">: {n.title}</span>
                  </button>
                ) : null}
                {n.isRead ? null : (
                  <button type="submit" name="intent" value="read">
                    Mark read<span className="visually-hidden">: {n.title}</span>
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ul>
      )}
      {current > 1 || hasMore ? (
        <nav aria-label="Pages of notifications" className="actions">
          {current > 1 ? (
            <Link to={current === 2 ? '/notifications' : `/notifications?page=${current - 1}`}>Newer</Link>
          ) : null}
          {hasMore ? <Link to={`/notifications?page=${current + 1}`}>Older</Link> : null}
        </nav>
      ) : null}
    </Page>
  )
}
