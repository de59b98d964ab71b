/**
 * npm run challenges:finalize — finalises every challenge that has ended now (what the scheduled
 * job 'challenges:finalize' does within the hour after an end), on DATABASE_URL; prints how many.
 * "Now" is the server clock (serverNow), so with TEST_CLOCK_FILE it follows a moved e2e clock.
 */
async function main() {
  const { finalizeEndedChallenges } = await import('../app/modules/challenges/finalize.server')
  const { serverNow } = await import('../app/utils/clock.server')
  const { disconnectDatabase } = await import('../app/utils/db.server')
  try {
    console.log(`finalised ${await finalizeEndedChallenges(serverNow())} challenge(s)`)
  } finally {
    await disconnectDatabase()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
