import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FEEDBACK_KINDS } from '~/modules/system/feedback'
import { getFeedbackReceipt } from '~/modules/system/feedback.server'
import { invariantResponse, page } from '~/utils/http.server'
import { formatUtcLong } from '~/utils/time'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction = () => [{ title: 'Thanks for your feedback — Questlog' }]

const Params = z.object({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/i) })

export const loader = page(async ({ params }: LoaderFunctionArgs) => {
  const parsed = Params.safeParse(params)
  invariantResponse(parsed.success, 'Not found', { status: 404 })
  const receipt = await getFeedbackReceipt(parsed.data.id)
  invariantResponse(receipt, 'Not found', { status: 404 })
  return { ...receipt, createdAt: receipt.createdAt.toISOString() }
})

export default function FeedbackReceipt() {
  const receipt = useLoaderData<typeof loader>()
  const kind = FEEDBACK_KINDS.find((k) => k.value === receipt.kind)?.label ?? receipt.kind
  return (
    <Page titleId="receipt-title" className="card">
      <h1 id="receipt-title">Thank you!</h1>
      <p className="notice" role="status">
        We received your feedback ({kind.toLowerCase()}) on{' '}
        <time dateTime={receipt.createdAt}>{formatUtcLong(receipt.createdAt)}</time>.
      </p>
      <h2>What you wrote</h2>
      <blockquote data-testid="feedback-message">{receipt.message}</blockquote>
      <p className="actions">
        <Link to="/feedback">Send more feedback</Link>
        <Link to="/">Back home</Link>
      </p>
    </Page>
  )
}
