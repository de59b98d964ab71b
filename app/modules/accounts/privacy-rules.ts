/**
 * How recent a passwordless owner's sign-in must be to delete the account (privacy.server.ts):
 * a session left open on a shared computer cannot delete it. Plain, so the settings page can show it.
 */
export const RECENT_SIGN_IN_MINUTES = 15
