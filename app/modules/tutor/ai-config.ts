import { z } from 'zod'

/**
 * AI model and voice configuration (seed 004 AIModelConfig, VoiceConfig), pure: the documented
 * defaults, the form schemas and the rule that picks the row that applies. The rows live in
 * tutor's tables; ai-config.server.ts reads and writes them.
 */

/** The model name of "no language model": the tutor answers from retrieval alone (quoted passages). */
export const RETRIEVAL_ONLY_MODEL = 'local:retrieval'

/**
 * The defaults when no row exists at any scope: the offline, retrieval-only tutor and the browser's
 * voice. With a chat service configured (AI_BASE_URL), the default tutoring model gives way to
 * AI_CHAT_MODEL (ai-config.server.ts, resolveTutoringModel).
 */
export const DEFAULT_AI_MODEL_CONFIG = {
  contentGenerationModel: RETRIEVAL_ONLY_MODEL,
  narrativePlanningModel: RETRIEVAL_ONLY_MODEL,
  tutoringModel: RETRIEVAL_ONLY_MODEL,
  metadataModel: RETRIEVAL_ONLY_MODEL,
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

/** The chat model the tutor asks, and at which temperature. */
export interface TutoringModel {
  model: string
  temperature: number
}

/** What the tutor pages need of the voice settings (the browser's Web Speech APIs). */
export interface VoiceSettings {
  /** the browser voice to prefer (VoiceConfig.ttsVoice), null = the browser's default */
  voiceName: string | null
  /** answers may be read aloud / questions spoken: only the browser's ("local") engines are built */
  speak: boolean
  listen: boolean
  /** the learner's "Read the tutor's answers aloud": a new answer is read without a click */
  readAloud: boolean
}

/**
 * The voice settings that apply, for the tutor pages. A provider other than "local" turns that side
 * off rather than pretending to use it; reading aloud needs the speaking side.
 */
export function voiceSettingsOf(config: VoiceConfig, readAnswersAloud: boolean): VoiceSettings {
  const speak = config.ttsProvider === 'local'
  return {
    voiceName: config.ttsVoice,
    speak,
    listen: config.sttProvider === 'local',
    readAloud: speak && readAnswersAloud,
  }
}

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

/**
 * The model fields every scope may set. The embedding model is not one of them: the embedder reads
 * AI_EMBEDDING_MODEL from the environment (every team's chunks share one 384-d vector column), and
 * the admin page shows it.
 */
export const ModelConfigInput = z.object({
  contentGenerationModel: modelName,
  narrativePlanningModel: modelName,
  tutoringModel: modelName,
  metadataModel: modelName,
  contentGenerationTemp: temperature,
  narrativePlanningTemp: temperature,
  tutoringTemp: temperature,
})
export type ModelConfigValues = z.output<typeof ModelConfigInput>

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
