import { z } from 'zod'

/**
 * AI model and voice configuration (seed 004 AIModelConfig, VoiceConfig), pure: the documented
 * defaults, the form schemas and the rule that picks the row that applies. The rows live in
 * tutor's tables; ai-config.server.ts reads and writes them.
 */

/** The defaults when no row exists at any scope: the offline, retrieval-only tutor and the browser's voice. */
export const DEFAULT_AI_MODEL_CONFIG = {
  contentGenerationModel: 'local:retrieval',
  narrativePlanningModel: 'local:retrieval',
  tutoringModel: 'local:retrieval',
  metadataModel: 'local:retrieval',
  embeddingModel: 'text-embedding-3-small',
  contentGenerationTemp: 0.7,
  narrativePlanningTemp: 0.7,
  tutoringTemp: 0.3,
} as const

export const DEFAULT_VOICE_CONFIG = {
  ttsProvider: 'local',
  ttsModel: null,
  ttsVoice: null,
  sttProvider: 'local',
  sttModel: null,
  qualityTier: 'mid',
} as const

export interface AiModelConfig {
  contentGenerationModel: string
  narrativePlanningModel: string
  tutoringModel: string
  metadataModel: string
  embeddingModel: string
  contentGenerationTemp: number
  narrativePlanningTemp: number
  tutoringTemp: number
}

export interface VoiceConfig {
  ttsProvider: string
  ttsModel: string | null
  ttsVoice: string | null
  sttProvider: string
  sttModel: string | null
  qualityTier: 'low' | 'mid' | 'high'
}

/**
 * Embedding models that give 384-dimensional vectors, the size of DocumentChunk's F32_BLOB(384)
 * column and its DiskANN index: the first three natively, the OpenAI ones when asked for
 * `dimensions: 384` (the embedder always asks). Any other model would need a new column and a
 * re-embedding of every chunk, so the page refuses it rather than corrupting the index.
 */
export const EMBEDDING_MODELS_384 = [
  'text-embedding-3-small',
  'text-embedding-3-large',
  'all-MiniLM-L6-v2',
  'bge-small-en-v1.5',
  'e5-small-v2',
] as const

export const TTS_PROVIDERS = ['local', 'openai-standard', 'openai-hd', 'elevenlabs'] as const
export const STT_PROVIDERS = ['local', 'openai-whisper', 'elevenlabs'] as const
export const QUALITY_TIERS = ['low', 'mid', 'high'] as const

const modelName = z
  .string({ message: 'Enter a model name' })
  .trim()
  .min(1, 'Enter a model name')
  .max(100, 'Keep the model name under 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Use letters, digits and . _ : / - only, e.g. gpt-4o-mini')

const optionalName = z
  .string()
  .trim()
  .max(100, 'Keep it under 100 characters')
  .regex(/^([A-Za-z0-9][A-Za-z0-9._:/ -]*)?$/, 'Use letters, digits, spaces and . _ : / - only')
  .optional()
  .transform((v) => (v ? v : null))

const temperature = z.coerce
  .number({ message: 'Enter a number from 0 to 2' })
  .min(0, 'The temperature is at least 0')
  .max(2, 'The temperature is at most 2')

/** The model fields every scope may set; the embedding model is the platform's alone (one vector column). */
const modelFields = {
  contentGenerationModel: modelName,
  narrativePlanningModel: modelName,
  tutoringModel: modelName,
  metadataModel: modelName,
  contentGenerationTemp: temperature,
  narrativePlanningTemp: temperature,
  tutoringTemp: temperature,
}

export const SystemModelConfigInput = z.object({
  ...modelFields,
  embeddingModel: z.enum(EMBEDDING_MODELS_384, {
    message: 'Choose a model that gives 384-dimensional vectors (the size of the vector index)',
  }),
})
export type ModelConfigValues = z.output<typeof SystemModelConfigInput>
export const TeamModelConfigInput = z.object(modelFields)
export type TeamModelConfigValues = z.output<typeof TeamModelConfigInput>

export const VoiceConfigInput = z.object({
  ttsProvider: z.enum(TTS_PROVIDERS, { message: 'Choose one of the listed speech providers' }),
  ttsModel: optionalName,
  ttsVoice: optionalName,
  sttProvider: z.enum(STT_PROVIDERS, { message: 'Choose one of the listed recognition providers' }),
  sttModel: optionalName,
  qualityTier: z.enum(QUALITY_TIERS, { message: 'Choose low, mid or high' }),
})
export type VoiceConfigValues = z.output<typeof VoiceConfigInput>

/** A learner's own voice preferences: reading answers aloud (a setting) and the voice (their VoiceConfig row). */
export const LearnerVoiceInput = z.object({
  readAnswersAloud: z
    .enum(['on'], { message: 'Tick the box or leave it empty' })
    .optional()
    .transform((v) => v === 'on'),
  ttsVoice: optionalName,
})
export type LearnerVoiceValues = z.output<typeof LearnerVoiceInput>

/** Setting key (SystemSetting) of "read the tutor's answers aloud", resolved learner → team → system. */
export const READ_ANSWERS_ALOUD = 'voice.readAnswersAloud'
export const ReadAloudValue = z.boolean()

/** An admin form's "inherit from the platform" choice, or the values to store. */
export const OverrideChoice = z.object({
  intent: z.enum(['save', 'inherit'], { message: 'Choose save or inherit' }),
})
