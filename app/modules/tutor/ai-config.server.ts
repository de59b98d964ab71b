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
import {
  type AiModelConfig,
  DEFAULT_AI_MODEL_CONFIG,
  DEFAULT_VOICE_CONFIG,
  type LearnerVoiceValues,
  type ModelConfigValues,
  READ_ANSWERS_ALOUD,
  ReadAloudValue,
  type TeamModelConfigValues,
  type VoiceConfig,
  type VoiceConfigValues,
} from './ai-config'

/**
 * Which AI models and which voice apply to a learner (docs/tutor.md, "Settings and suggestions"):
 * the learner's own row, else their team's, else the platform's, else the documented defaults
 * (ai-config.ts). The whole row applies — a team that overrides the models overrides all of them —
 * except the embedding model, which is always the platform's: every team's chunks share one
 * 384-d vector column and index. No secret is stored here: the API key stays in the environment
 * (ADR 0010).
 */
const MODEL_SELECT = {
  scope: true,
  scopeId: true,
  contentGenerationModel: true,
  narrativePlanningModel: true,
  tutoringModel: true,
  metadataModel: true,
  embeddingModel: true,
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

/** A stored row as the config that applies; a temperature left empty is the default's. */
function modelConfigOf(row: ModelRow | undefined, embeddingModel: string): AiModelConfig {
  const d = DEFAULT_AI_MODEL_CONFIG
  if (!row) return { ...d, embeddingModel }
  return {
    contentGenerationModel: row.contentGenerationModel,
    narrativePlanningModel: row.narrativePlanningModel,
    tutoringModel: row.tutoringModel,
    metadataModel: row.metadataModel,
    embeddingModel,
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
  const system = rows.find((r) => r.scope === 'system')
  return {
    config: modelConfigOf(row, system?.embeddingModel ?? DEFAULT_AI_MODEL_CONFIG.embeddingModel),
    source: row?.scope ?? 'default',
  }
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

// ---------------------------------------------------------------- one scope, for the pages that edit it

/** The model row stored at exactly this scope, or null (the scope inherits). */
export async function modelConfigAt(scope: SettingScope, scopeId: string): Promise<AiModelConfig | null> {
  const row = await prisma.aIModelConfig.findUnique({
    where: { scope_scopeId: { scope, scopeId } },
    select: MODEL_SELECT,
  })
  return row ? modelConfigOf(row, row.embeddingModel) : null
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

/** Stores the platform's models (scope system). */
export async function saveSystemModelConfig(values: ModelConfigValues): Promise<void> {
  await prisma.aIModelConfig.upsert({
    where: { scope_scopeId: { scope: 'system', scopeId: '' } },
    create: { scope: 'system', scopeId: '', ...values },
    update: values,
    select: { id: true },
  })
}

/**
 * Stores a team's (or a learner's) models. The column needs an embedding model; the platform's is
 * written, and resolution ignores it anyway.
 */
export async function saveScopedModelConfig(
  scope: Exclude<SettingScope, 'system'>,
  scopeId: string,
  values: TeamModelConfigValues,
): Promise<void> {
  const system = await modelConfigAt('system', '')
  const embeddingModel = system?.embeddingModel ?? DEFAULT_AI_MODEL_CONFIG.embeddingModel
  await prisma.aIModelConfig.upsert({
    where: { scope_scopeId: { scope, scopeId } },
    create: { scope, scopeId, ...values, embeddingModel },
    update: { ...values, embeddingModel },
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
