/** Password lengths, shared by the forms' hints and the server's policy (password-policy.server.ts). */
export const MIN_PASSWORD_LENGTH = 8
/** Generous for passphrases; the cap only keeps hashing cheap for a stranger's megabyte. */
export const MAX_PASSWORD_LENGTH = 1024
