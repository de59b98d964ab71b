import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'

/**
 * The tutor's model and voice settings, resolved learner → team → system (AIModelConfig and
 * VoiceConfig, scopeId "" for system). A minimal local read: the settings module
 * (ai-config.server.ts, resolveAiModelConfig/resolveVoiceConfig) replaces the two reads below
 * when it lands; callers use only these two functions.
 */
type Who = { id: string; activeTeamId: string | null }

const scopes = (user: Who) => [
  { scope: 'learner' as const, scopeId: user.id },
  ...(user.activeTeamId ? [{ scope: 'team' as const, scopeId: user.activeTeamId }] : []),
  { scope: 'system' as const, scopeId: '' },
]
const rank = { learner: 0, team: 1, system: 2 } as const

export interface TutoringModel {
  model: string
  temperature: number | null
}

/** AIModelConfig.tutoringModel of the nearest scope, else env AI_CHAT_MODEL. */
export async function tutoringModelFor(user: Who): Promise<TutoringModel> {
  const rows = await prisma.aIModelConfig.findMany({
    where: { OR: scopes(user) },
    select: { scope: true, tutoringModel: true, tutoringTemp: true },
  })
  const nearest = rows.sort((a, b) => rank[a.scope] - rank[b.scope])[0]
  return nearest
    ? { model: nearest.tutoringModel, temperature: nearest.tutoringTemp }
    : { model: getEnv().AI_CHAT_MODEL, temperature: null }
}

export interface VoiceSettings {
  /** the browser voice to prefer for reading answers aloud (VoiceConfig.ttsVoice), null = the browser's default */
  voiceName: string | null
  /** read answers aloud / listen through the browser's Web Speech APIs */
  speak: boolean
  listen: boolean
}

/**
 * The voice settings of the nearest scope. Only the browser's speech engines are built, so a
 * provider other than "local" turns that side off rather than pretending to use it.
 */
export async function voiceSettingsFor(user: Who): Promise<VoiceSettings> {
  const rows = await prisma.voiceConfig.findMany({
    where: { OR: scopes(user) },
    select: { scope: true, ttsProvider: true, ttsVoice: true, sttProvider: true },
  })
  const nearest = rows.sort((a, b) => rank[a.scope] - rank[b.scope])[0]
  if (!nearest) return { voiceName: null, speak: true, listen: true }
  return {
    voiceName: nearest.ttsVoice,
    speak: nearest.ttsProvider === 'local',
    listen: nearest.sttProvider === 'local',
  }
}
