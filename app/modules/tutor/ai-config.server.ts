import type { SettingScope } from '~/generated/prisma/client'
import {
  type SettingScopes,
  type SettingSource,
  nearest,
  resolveSetting,
  saveSetting,
  scopeChain,
} from '~/modules/system/settings.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import {
  type AiModelConfig,
  DEFAULT_AI_MODEL_CONFIG,
  DEFAULT_VOICE_CONFIG,
  type LearnerVoiceValues,
  type ModelConfigValues,
  READ_ANSWERS_ALOUD,
  RETRIEVAL_ONLY_MODEL,
  ReadAloudValue,
  type TutoringModel,
  type VoiceConfig,
  type VoiceConfigValues,
  type VoiceSettings,
  voiceSettingsOf,
} from './ai-config'

/**
 * Which AI models and which voice apply to a learner (docs/tutor.md, "Settings and suggestions"):
 * the learner's own row, else their team's, else the platform's, else the documented defaults
 * (ai-config.ts). The whole row applies — a team that overrides the models overrides all of them.
 * The embedding model is not resolved here: the embedder reads AI_EMBEDDING_MODEL (every team's
 * chunks share one 384-d vector column). No secret is stored here: the API key stays in the
 * environment (ADR 0010).
 */
const MODEL_SELECT = {
  scope: true,
  scopeId: true,
  contentGenerationModel: true,
  narrativePlanningModel: true,
  tutoringModel: true,
  metadataModel: true,
  contentGenerationTemp: true,
  narrativePlanningTemp: true,
  tutoringTemp: true,
} as const

const VOICE_SELECT = {
  scope: true,
  scopeId: true,
  ttsProvider: true,
  ttsModel: true,
  ttsVoice: true,
  sttProvider: true,
  sttModel: true,
  qualityTier: true,
} as const

interface ModelRow {
  contentGenerationModel: string
  narrativePlanningModel: string
  tutoringModel: string
  metadataModel: string
  contentGenerationTemp: number | null
  narrativePlanningTemp: number | null
  tutoringTemp: number | null
}

/**
 * The models that apply when no scope stored any: the documented defaults, except that a deployment
 * with a chat service (AI_BASE_URL) tutors with AI_CHAT_MODEL — what the pages show as the default.
 */
export function defaultModelConfig(): AiModelConfig {
  const env = getEnv()
  return { ...DEFAULT_AI_MODEL_CONFIG, ...(env.AI_BASE_URL ? { tutoringModel: env.AI_CHAT_MODEL } : {}) }
}

/** A stored row as the config that applies; a temperature left empty is the default's. */
function modelConfigOf(row: ModelRow | undefined): AiModelConfig {
  const d = DEFAULT_AI_MODEL_CONFIG
  if (!row) return defaultModelConfig()
  return {
    contentGenerationModel: row.contentGenerationModel,
    narrativePlanningModel: row.narrativePlanningModel,
    tutoringModel: row.tutoringModel,
    metadataModel: row.metadataModel,
    contentGenerationTemp: row.contentGenerationTemp ?? d.contentGenerationTemp,
    narrativePlanningTemp: row.narrativePlanningTemp ?? d.narrativePlanningTemp,
    tutoringTemp: row.tutoringTemp ?? d.tutoringTemp,
  }
}

export async function resolveAiModelConfig(
  scopes: SettingScopes,
): Promise<{ config: AiModelConfig; source: SettingSource }> {
  const chain = scopeChain(scopes)
  const rows = await prisma.aIModelConfig.findMany({ where: { OR: chain }, select: MODEL_SELECT })
  const row = nearest(rows, chain)
  return { config: modelConfigOf(row), source: row?.scope ?? 'default' }
}

/**
 * The chat model the tutor asks for this learner, or null: answer from retrieval alone. Only asked
 * when the deployment has a chat service (AI_BASE_URL, or a client handed in by a test):
 *  - a tutoringModel stored at the nearest scope wins, with its temperature;
 *  - a stored `local:retrieval` means retrieval-only, even with a chat service;
 *  - with nothing stored at any scope, the default `local:retrieval` gives way to AI_CHAT_MODEL:
 *    setting AI_BASE_URL is enough to turn the model on.
 */
export async function resolveTutoringModel(scopes: SettingScopes): Promise<TutoringModel | null> {
  const { config, source } = await resolveAiModelConfig(scopes)
  // (the default is AI_CHAT_MODEL here even without AI_BASE_URL: the chat client may be a test's)
  if (source === 'default') return { model: getEnv().AI_CHAT_MODEL, temperature: config.tutoringTemp }
  if (config.tutoringModel === RETRIEVAL_ONLY_MODEL) return null
  return { model: config.tutoringModel, temperature: config.tutoringTemp }
}

export async function resolveVoiceConfig(
  scopes: SettingScopes,
): Promise<{ config: VoiceConfig; source: SettingSource }> {
  const chain = scopeChain(scopes)
  const rows = await prisma.voiceConfig.findMany({ where: { OR: chain }, select: VOICE_SELECT })
  const row = nearest(rows, chain)
  if (!row) return { config: { ...DEFAULT_VOICE_CONFIG }, source: 'default' }
  const { scope, scopeId: _id, ...config } = row
  return { config, source: scope }
}

/** Whether the tutor reads its answers aloud for this learner (a SystemSetting, learner → team → system → off). */
export async function resolveReadAnswersAloud(scopes: SettingScopes) {
  return resolveSetting(READ_ANSWERS_ALOUD, ReadAloudValue, scopes, false)
}

/** The voice and "read answers aloud" that apply to a learner, for the tutor pages. */
export async function tutorVoiceSettings(user: { id: string; activeTeamId: string | null }): Promise<VoiceSettings> {
  const scopes = { userId: user.id, teamId: user.activeTeamId }
  const [voice, readAloud] = await Promise.all([resolveVoiceConfig(scopes), resolveReadAnswersAloud(scopes)])
  return voiceSettingsOf(voice.config, readAloud.value)
}

// ---------------------------------------------------------------- one scope, for the pages that edit it

/** The model row stored at exactly this scope, or null (the scope inherits). */
export async function modelConfigAt(scope: SettingScope, scopeId: string): Promise<AiModelConfig | null> {
  const row = await prisma.aIModelConfig.findUnique({
    where: { scope_scopeId: { scope, scopeId } },
    select: MODEL_SELECT,
  })
  return row ? modelConfigOf(row) : null
}

export async function voiceConfigAt(scope: SettingScope, scopeId: string): Promise<VoiceConfig | null> {
  const row = await prisma.voiceConfig.findUnique({
    where: { scope_scopeId: { scope, scopeId } },
    select: VOICE_SELECT,
  })
  if (!row) return null
  const { scope: _s, scopeId: _id, ...config } = row
  return config
}

/**
 * Stores the models of one scope (the platform's, a team's or a learner's). The table still has an
 * embeddingModel column; it is filled with the deployment's AI_EMBEDDING_MODEL for the record, and
 * nothing reads it (the embedder takes the environment's).
 */
export async function saveModelConfig(scope: SettingScope, scopeId: string, values: ModelConfigValues): Promise<void> {
  const row = { ...values, embeddingModel: getEnv().AI_EMBEDDING_MODEL }
  await prisma.aIModelConfig.upsert({
    where: { scope_scopeId: { scope, scopeId } },
    create: { scope, scopeId, ...row },
    update: row,
    select: { id: true },
  })
}

export async function saveVoiceConfig(
  scope: SettingScope,
  scopeId: string,
  values: VoiceConfig | VoiceConfigValues,
): Promise<void> {
  await prisma.voiceConfig.upsert({
    where: { scope_scopeId: { scope, scopeId } },
    create: { scope, scopeId, ...values },
    update: values,
    select: { id: true },
  })
}

/** Removes a team's or learner's rows so the next scope out applies again; true when something was removed. */
export async function inheritAiConfig(
  scope: Exclude<SettingScope, 'system'>,
  scopeId: string,
  which: 'model' | 'voice',
): Promise<boolean> {
  const where = { scope, scopeId }
  const { count } =
    which === 'model'
      ? await prisma.aIModelConfig.deleteMany({ where })
      : await prisma.voiceConfig.deleteMany({ where })
  return count > 0
}

// ---------------------------------------------------------------- a learner's own voice preferences

/** What the learner's settings page shows: their own choices, and what applies without them. */
export async function learnerVoicePreferences(user: { id: string; activeTeamId: string | null }) {
  const scopes = { userId: user.id, teamId: user.activeTeamId }
  const [readAloud, own, applies] = await Promise.all([
    resolveReadAnswersAloud(scopes),
    voiceConfigAt('learner', user.id),
    resolveVoiceConfig(scopes),
  ])
  return { readAnswersAloud: readAloud.value, ttsVoice: own?.ttsVoice ?? null, voice: applies.config }
}

/**
 * Saves a learner's preferences: "read answers aloud" as their setting, and their voice as their
 * VoiceConfig row — the team's or platform's providers with their voice. An empty voice removes
 * the row, so the team's or platform's voice applies again.
 */
export async function saveLearnerVoicePreferences(
  user: { id: string; activeTeamId: string | null },
  values: LearnerVoiceValues,
): Promise<void> {
  await saveSetting(READ_ANSWERS_ALOUD, 'learner', user.id, values.readAnswersAloud)
  if (!values.ttsVoice) {
    await inheritAiConfig('learner', user.id, 'voice')
    return
  }
  const inherited = await resolveVoiceConfig({ teamId: user.activeTeamId })
  await saveVoiceConfig('learner', user.id, { ...inherited.config, ttsVoice: values.ttsVoice })
}
