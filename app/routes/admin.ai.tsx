import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { embeddingMode } from '~/modules/knowledge/embedder.server'
import { recordAudit } from '~/modules/system/audit.server'
import { DEFAULT_VOICE_CONFIG, ModelConfigInput, VoiceConfigInput } from '~/modules/tutor/ai-config'
import {
  defaultModelConfig,
  modelConfigAt,
  saveModelConfig,
  saveVoiceConfig,
  voiceConfigAt,
} from '~/modules/tutor/ai-config.server'
import { ModelConfigFields, VoiceConfigFields } from '~/modules/tutor/components/ai-config-fields'
import { formValues } from '~/utils/api.server'
import { requirePlatformPermission } from '~/utils/auth.server'
import { getEnv } from '~/utils/env.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction = () => [{ title: 'AI models and voice — Questlog' }]

const PERMISSION = 'manage:ai-config:any'
const Intent = z.object({ intent: z.enum(['save-models', 'save-voice'], { message: 'Choose a form to save' }) })

/** The platform's AI models and voice (scope system), which every team and learner inherits unless they override. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requirePlatformPermission(request, PERMISSION)
  const [models, voice] = await Promise.all([modelConfigAt('system', ''), voiceConfigAt('system', '')])
  const env = getEnv()
  return {
    models: models ?? defaultModelConfig(),
    modelsStored: models !== null,
    voice: voice ?? DEFAULT_VOICE_CONFIG,
    voiceStored: voice !== null,
    // Whether they are set, never their values (ADR 0010).
    service: { baseUrl: Boolean(env.AI_BASE_URL), apiKey: Boolean(env.AI_API_KEY) },
    // The embedder reads the environment; the model name is no secret.
    embedding: { model: env.AI_EMBEDDING_MODEL, inUse: embeddingMode().mode === 'vector' },
  }
})

export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requirePlatformPermission(request, PERMISSION)
  const formData = await request.formData()
  const values = formValues(formData)
  const intent = parseForm(formData, Intent)
  if (!intent.ok) return refuseForm(intent, { values })
  const which = intent.value.intent
  try {
    const form = which === 'save-models' ? parseForm(formData, ModelConfigInput) : parseForm(formData, VoiceConfigInput)
    if (!form.ok) return refuseForm(form, { intent: which })
    if (which === 'save-models') await saveModelConfig('system', '', form.value as z.output<typeof ModelConfigInput>)
    else await saveVoiceConfig('system', '', form.value as z.output<typeof VoiceConfigInput>)
    await recordAudit({
      action: 'ai.config.updated',
      actorId: user.id,
      targetType: which === 'save-models' ? 'AIModelConfig' : 'VoiceConfig',
      origin: requestOrigin(request, context),
      metadata: { scope: 'system', ...(form.value as Record<string, string | number | null>) },
    })
    return redirectWithToast(
      '/admin/ai',
      which === 'save-models' ? 'The AI models were saved.' : 'The voice was saved.',
    )
  } catch (error) {
    return refuseForm(error, { intent: which, values })
  }
})

export default function AdminAiPage() {
  const { models, modelsStored, voice, voiceStored, service, embedding } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errorsOf = (intent: string) => (result?.intent === intent ? (result.fieldErrors ?? {}) : {})
  const sentOf = (intent: string) => (result?.intent === intent ? result.values : undefined)
  return (
    <Page titleId="admin-ai-title">
      <h1 id="admin-ai-title">AI models and voice</h1>
      <p className="lead">The platform’s choice. Teams and learners inherit it unless they set their own.</p>
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />

      <section aria-labelledby="ai-service-title" className="card">
        <h2 id="ai-service-title">AI service</h2>
        <p>Set in the server’s environment, not here (secrets are never stored in the database or shown on a page).</p>
        <dl>
          <dt>AI_BASE_URL</dt>
          <dd>{service.baseUrl ? 'set' : 'not set — the tutor answers from retrieval alone'}</dd>
          <dt>AI_API_KEY</dt>
          <dd>{service.apiKey ? 'set' : 'not set'}</dd>
          <dt>AI_EMBEDDING_MODEL</dt>
          <dd>
            {`${embedding.model} — ${
              embedding.inUse
                ? 'embeds every team’s documents (384-d vectors); after a change, re-ingest documents to re-embed them'
                : 'not in use without AI_BASE_URL: documents are searched by their words'
            }`}
          </dd>
        </dl>
      </section>

      <Form method="post" className="stack card" noValidate aria-labelledby="ai-models-title">
        <h2 id="ai-models-title">Models</h2>
        <p>{modelsStored ? 'Saved for the platform.' : 'Nothing saved yet: these are the defaults.'}</p>
        <ModelConfigFields config={models} sent={sentOf('save-models')} errors={errorsOf('save-models')} />
        <div>
          <SubmitButton name="intent" value="save-models" pendingText="Saving…">
            Save models
          </SubmitButton>
        </div>
      </Form>

      <Form method="post" className="stack card" noValidate aria-labelledby="ai-voice-title">
        <h2 id="ai-voice-title">Voice</h2>
        <p>{voiceStored ? 'Saved for the platform.' : 'Nothing saved yet: these are the defaults.'}</p>
        <VoiceConfigFields config={voice} sent={sentOf('save-voice')} errors={errorsOf('save-voice')} />
        <div>
          <SubmitButton name="intent" value="save-voice" pendingText="Saving…">
            Save voice
          </SubmitButton>
        </div>
      </Form>
    </Page>
  )
}
