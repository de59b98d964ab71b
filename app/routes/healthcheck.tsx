import { databaseHealth } from '~/utils/db.server'
import { api } from '~/utils/http.server'

/**
 * 200 while the database answers reads. In replica mode the body also says when
 * the replica last synced, its frame number and whether the primary is reachable;
 * a primary outage alone does not fail the check, because reads still work.
 */
export const loader = api(async () => {
  const health = await databaseHealth()
  return Response.json(
    { status: health.ok ? 'ok' : 'unavailable', database: health },
    { status: health.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
})
