import { renderToString } from 'react-dom/server'
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from 'react-router-dom/server'
import type { ComponentType } from 'react'

/**
 * Renders a route module's page to HTML the way the server would (loader, action on a
 * POST, then the component), for tests that must search the HTML itself. The loader and
 * action are the module's own; Remix's `data()` answers are turned into Responses.
 */
type Handler = (args: {
  request: Request
  params: Record<string, string | undefined>
  context: { clientIp: string }
}) => Promise<unknown>
export interface PageModule {
  loader: Handler
  action?: Handler
  default: ComponentType
}

function asResponse(value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit') {
    const { data, init } = value as { data: unknown; init: { status?: number } | null }
    return Response.json(data, { status: init?.status ?? 200 })
  }
  return value
}

function call(handler: Handler) {
  return async ({ request, params }: { request: Request; params: Record<string, string | undefined> }) => {
    try {
      return asResponse(await handler({ request, params, context: { clientIp: '203.0.113.7' } }))
    } catch (thrown) {
      throw asResponse(thrown)
    }
  }
}

export async function renderPage(
  page: PageModule,
  pattern: string,
  request: Request,
): Promise<{ status: number; html: string }> {
  const handler = createStaticHandler([
    {
      id: 'page',
      path: pattern,
      loader: call(page.loader),
      action: page.action ? call(page.action) : undefined,
      Component: page.default,
    },
  ])
  const context = await handler.query(request)
  if (context instanceof Response) return { status: context.status, html: await context.text() }
  const router = createStaticRouter(handler.dataRoutes, context)
  return {
    status: context.statusCode,
    html: renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />),
  }
}
