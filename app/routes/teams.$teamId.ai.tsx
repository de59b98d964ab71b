import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { teamAccess } from '~/modules/teams/access.server'
import { recordAudit } from '~/modules/system/audit.server'
import { ModelConfigInput, VoiceConfigInput } from '~/modules/tutor/ai-config'
import {
  inheritAiConfig,
  modelConfigAt,
  resolveAiModelConfig,
  resolveVoiceConfig,
  saveModelConfig,
  saveVoiceConfig,
  voiceConfigAt,
} from '~/modules/tutor/ai-config.server'
import { ModelConfigFields, VoiceConfigFields } from '~/modules/tutor/components/ai-config-fields'
import { formValues } from '~/utils/api.server'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `AI settings — ${data?.team.name ?? 'Team'} — Questlog` },
]

const PERMISSION = 'update:team-settings:own-team'
const Intent = z.object({
  intent: z.enum(['save-models', 'inherit-models', 'save-voice', 'inherit-voice'], {
    message: 'Choose a form to save',
  }),
})

/** A team's own AI models and voice, or "inherit from the platform" (no team row). */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, PERMISSION)
  const teamId = access.team.id
  const [models, voice, platformModels, platformVoice] = await Promise.all([
    modelConfigAt('team', teamId),
    voiceConfigAt('team', teamId),
    resolveAiModelConfig({}),
    resolveVoiceConfig({}),
  ])
  return {
    team: { id: teamId, name: access.team.name },
    models: models ?? platformModels.config,
    modelsOwn: models !== null,
    voice: voice ?? platformVoice.config,
    voiceOwn: voice !== null,
  }
})

export const action = page(async ({ request, params, context }: ActionFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, PERMISSION)
  const teamId = access.team.id
  const formData = await request.formData()
  const values = formValues(formData)
  const intent = parseForm(formData, Intent)
  if (!intent.ok) return refuseForm(intent, { values })
  const which = intent.value.intent
  const audit = (action: 'ai.config.updated' | 'ai.config.inherited', targetType: string, metadata = {}) =>
    recordAudit({
      action,
      actorId: access.user.id,
      targetType,
      teamId,
      origin: requestOrigin(request, context),
      metadata: { scope: 'team', ...metadata },
    })
  const back = `/teams/${teamId}/ai`
  try {
    if (which === 'inherit-models' || which === 'inherit-voice') {
      const kind = which === 'inherit-models' ? 'model' : 'voice'
      if (await inheritAiConfig('team', teamId, kind))
        await audit('ai.config.inherited', kind === 'model' ? 'AIModelConfig' : 'VoiceConfig')
      return redirectWithToast(back, 'The team now inherits the platform’s choice.')
    }
    if (which === 'save-models') {
      const form = parseForm(formData, ModelConfigInput)
      if (!form.ok) return refuseForm(form, { intent: which })
      await saveModelConfig('team', teamId, form.value)
      await audit('ai.config.updated', 'AIModelConfig', form.value)
      return redirectWithToast(back, 'The team’s AI models were saved.')
    }
    const form = parseForm(formData, VoiceConfigInput)
    if (!form.ok) return refuseForm(form, { intent: which })
    await saveVoiceConfig('team', teamId, form.value)
    await audit('ai.config.updated', 'VoiceConfig', form.value)
    return redirectWithToast(back, 'The team’s voice was saved.')
  } catch (error) {
    return refuseForm(error, { intent: which, values })
  }
})

export default function TeamAiPage() {
  const { team, models, modelsOwn, voice, voiceOwn } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const errorsOf = (intent: string) => (result?.intent === intent ? (result.fieldErrors ?? {}) : {})
  const sentOf = (intent: string) => (result?.intent === intent ? result.values : undefined)
  return (
    <Page titleId="team-ai-title">
      <p>
        <Link to={`/teams/${team.id}`}>← {team.name}</Link>
      </p>
      <h1 id="team-ai-title">AI settings</h1>
      <p className="lead">
        The models and voice the tutor uses for this team’s members. A member’s own voice choice still comes first.
      </p>
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />

      <Form method="post" className="stack card" noValidate aria-labelledby="team-models-title">
        <h2 id="team-models-title">Models</h2>
        <p>
          {modelsOwn
            ? 'The team uses its own models.'
            : 'The team inherits the platform’s models (shown). Save to use your own.'}
        </p>
        <ModelConfigFields config={models} sent={sentOf('save-models')} errors={errorsOf('save-models')} />
        <div className="inline-actions">
          <SubmitButton name="intent" value="save-models" pendingText="Saving…">
            Save the team’s models
          </SubmitButton>
          {modelsOwn ? (
            <SubmitButton name="intent" value="inherit-models" className="button secondary" pendingText="Saving…">
              Inherit from the platform
            </SubmitButton>
          ) : null}
        </div>
      </Form>

      <Form method="post" className="stack card" noValidate aria-labelledby="team-voice-title">
        <h2 id="team-voice-title">Voice</h2>
        <p>
          {voiceOwn
            ? 'The team uses its own voice settings.'
            : 'The team inherits the platform’s voice (shown). Save to use your own.'}
        </p>
        <VoiceConfigFields config={voice} sent={sentOf('save-voice')} errors={errorsOf('save-voice')} />
        <div className="inline-actions">
          <SubmitButton name="intent" value="save-voice" pendingText="Saving…">
            Save the team’s voice
          </SubmitButton>
          {voiceOwn ? (
            <SubmitButton name="intent" value="inherit-voice" className="button secondary" pendingText="Saving…">
              Inherit from the platform
            </SubmitButton>
          ) : null}
        </div>
      </Form>
    </Page>
  )
}
