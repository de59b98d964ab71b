import { Field } from '~/components/ui/field'
import { type AiModelConfig, QUALITY_TIERS, STT_PROVIDERS, TTS_PROVIDERS, type VoiceConfig } from '../ai-config'

type Errors = Record<string, string[] | undefined>
/** What was sent (a refused form shows it again) or else what is stored. */
const pick = (sent: Record<string, string> | undefined, name: string, stored: string | number | null) =>
  sent && name in sent ? sent[name] : (stored ?? '')

const MODELS = [
  [
    'tutoringModel',
    'tutoringTemp',
    'Tutoring model',
    'answers learners’ questions (local:retrieval: no language model, the tutor quotes the documents)',
  ],
  [
    'contentGenerationModel',
    'contentGenerationTemp',
    'Content generation model',
    'will draft nuggets from documents (not used yet: nothing drafts them)',
  ],
  [
    'narrativePlanningModel',
    'narrativePlanningTemp',
    'Narrative planning model',
    'will plan narrative paths (not used yet: paths are built by hand)',
  ],
] as const

/** The model names and temperatures of an AIModelConfig (`local:retrieval`: no language model). */
export function ModelConfigFields({
  config,
  sent,
  errors,
}: {
  config: AiModelConfig
  sent?: Record<string, string>
  errors: Errors
}) {
  return (
    <>
      {MODELS.map(([model, temp, label, what]) => (
        <div key={model} className="inline-fields">
          <Field label={label} hint={`Model name at the AI service; ${what}.`} errors={errors[model]}>
            {(props) => (
              <input name={model} maxLength={100} defaultValue={pick(sent, model, config[model])} {...props} />
            )}
          </Field>
          <Field label={`${label}: temperature`} hint="0 (focused) to 2 (varied)." errors={errors[temp]}>
            {(props) => (
              <input
                name={temp}
                type="number"
                inputMode="decimal"
                min={0}
                max={2}
                step={0.1}
                defaultValue={pick(sent, temp, config[temp])}
                {...props}
              />
            )}
          </Field>
        </div>
      ))}
      <Field
        label="Metadata model"
        hint="Will tag and summarise documents (not used yet)."
        errors={errors.metadataModel}
      >
        {(props) => (
          <input
            name="metadataModel"
            maxLength={100}
            defaultValue={pick(sent, 'metadataModel', config.metadataModel)}
            {...props}
          />
        )}
      </Field>
    </>
  )
}

const FOR_SERVICES = 'For a speech service other than local; not used yet.'

/** The fields of a VoiceConfig. */
export function VoiceConfigFields({
  config,
  sent,
  errors,
}: {
  config: VoiceConfig
  sent?: Record<string, string>
  errors: Errors
}) {
  const choice = (name: 'ttsProvider' | 'sttProvider' | 'qualityTier', label: string, options: readonly string[]) => (
    <Field label={label} errors={errors[name]}>
      {(props) => (
        <select name={name} defaultValue={pick(sent, name, config[name])} {...props}>
          {options.map((o) => (
            <option key={o} value={o}>
              {name === 'qualityTier'
                ? o
                : o === 'local'
                  ? 'local (the browser’s speech)'
                  : `${o} (not built yet: turns this side off)`}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
  const text = (name: 'ttsModel' | 'ttsVoice' | 'sttModel', label: string, hint?: string) => (
    <Field label={`${label} (optional)`} hint={hint} errors={errors[name]}>
      {(props) => <input name={name} maxLength={100} defaultValue={pick(sent, name, config[name])} {...props} />}
    </Field>
  )
  return (
    <>
      {choice('ttsProvider', 'Speech (text to speech) provider', TTS_PROVIDERS)}
      {text('ttsModel', 'Speech model', FOR_SERVICES)}
      {text('ttsVoice', 'Voice', 'The name of a voice the learner’s browser has; empty for its default.')}
      {choice('sttProvider', 'Recognition (speech to text) provider', STT_PROVIDERS)}
      {text('sttModel', 'Recognition model', FOR_SERVICES)}
      {choice('qualityTier', 'Quality (for a speech service other than local; not used yet)', QUALITY_TIERS)}
    </>
  )
}
