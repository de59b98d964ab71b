import { Field } from '~/components/ui/field'
import {
  type AiModelConfig,
  EMBEDDING_MODELS_384,
  QUALITY_TIERS,
  STT_PROVIDERS,
  TTS_PROVIDERS,
  type VoiceConfig,
} from '../ai-config'

type Errors = Record<string, string[] | undefined>
/** What was sent (a refused form shows it again) or else what is stored. */
const pick = (sent: Record<string, string> | undefined, name: string, stored: string | number | null) =>
  sent && name in sent ? sent[name] : (stored ?? '')

const MODELS = [
  ['tutoringModel', 'tutoringTemp', 'Tutoring model', 'answers learners’ questions'],
  ['contentGenerationModel', 'contentGenerationTemp', 'Content generation model', 'drafts nuggets from documents'],
  ['narrativePlanningModel', 'narrativePlanningTemp', 'Narrative planning model', 'plans narrative paths'],
] as const

/** The model names and temperatures of an AIModelConfig; the embedding model only where the platform sets it. */
export function ModelConfigFields({
  config,
  sent,
  errors,
  embedding,
}: {
  config: AiModelConfig
  sent?: Record<string, string>
  errors: Errors
  embedding: boolean
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
      <Field label="Metadata model" hint="Tags and summarises documents." errors={errors.metadataModel}>
        {(props) => (
          <input
            name="metadataModel"
            maxLength={100}
            defaultValue={pick(sent, 'metadataModel', config.metadataModel)}
            {...props}
          />
        )}
      </Field>
      {embedding ? (
        <Field
          label="Embedding model"
          hint="Only models that give 384-dimensional vectors: the vector index of every document is 384-d. A change applies to chunks embedded from then on; re-ingest documents to re-embed the others."
          errors={errors.embeddingModel}
        >
          {(props) => (
            <select name="embeddingModel" defaultValue={pick(sent, 'embeddingModel', config.embeddingModel)} {...props}>
              {EMBEDDING_MODELS_384.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
    </>
  )
}

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
              {o === 'local' ? 'local (the browser’s speech)' : o}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
  const text = (name: 'ttsModel' | 'ttsVoice' | 'sttModel', label: string) => (
    <Field label={`${label} (optional)`} errors={errors[name]}>
      {(props) => <input name={name} maxLength={100} defaultValue={pick(sent, name, config[name])} {...props} />}
    </Field>
  )
  return (
    <>
      {choice('ttsProvider', 'Speech (text to speech) provider', TTS_PROVIDERS)}
      {text('ttsModel', 'Speech model')}
      {text('ttsVoice', 'Voice')}
      {choice('sttProvider', 'Recognition (speech to text) provider', STT_PROVIDERS)}
      {text('sttModel', 'Recognition model')}
      {choice('qualityTier', 'Quality', QUALITY_TIERS)}
    </>
  )
}
