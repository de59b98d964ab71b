import { NavLink } from '@remix-run/react'

/** The navigation's link to the notification centre, with the unread count ("Notifications, 3 unread"). */
export function NotificationsLink({ unread }: { unread: number }) {
  const shown = unread > 99 ? '99+' : String(unread)
  return (
    <NavLink
      to="/notifications"
      aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
      data-testid="nav-notifications"
    >
      Notifications
      {unread > 0 ? (
        <span className="badge nav-unread" aria-hidden="true">
          {shown}
        </span>
      ) : null}
    </NavLink>
  )
}
