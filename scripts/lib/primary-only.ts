/**
 * Imported first by scripts that use the app's database module: a script never
 * opens an embedded replica file (the app process may have it open, and two
 * clients on one replica file can corrupt it), so in replica mode it talks to the
 * primary directly, as in remote mode.
 */
if (process.env.TURSO_DATABASE_URL && process.env.DATABASE_URL) {
  delete process.env.DATABASE_URL
  delete process.env.TURSO_SYNC_INTERVAL
}
