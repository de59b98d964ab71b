import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { VoiceSettings } from '../ai-config'

const never = () => () => undefined
/** true only in a browser where `check` holds (false while rendering on the server) */
const useBrowserHas = (check: () => boolean) => useSyncExternalStore(never, check, () => false)

/**
 * Voice through the browser's Web Speech APIs (docs/tutor.md, "Voice"): a microphone button that
 * fills the question (and marks it as spoken, mode "voice"), and a button that reads an answer
 * aloud. Each appears only after the page has checked that this browser has the API, so a browser
 * without it (or without JavaScript) shows no dead button. With the learner's "Read the tutor's
 * answers aloud", a new answer is read without a click.
 */

interface RecognitionResultEvent {
  results: ArrayLike<ArrayLike<{ transcript: string }>>
}
interface Recognition {
  lang: string
  interimResults: boolean
  onresult: ((event: RecognitionResultEvent) => void) | null
  onend: (() => void) | null
  onerror: ((event: { error: string }) => void) | null
  start(): void
  stop(): void
}
type RecognitionConstructor = new () => Recognition

function recognitionConstructor(): RecognitionConstructor | null {
  const w = window as unknown as {
    SpeechRecognition?: RecognitionConstructor
    webkitSpeechRecognition?: RecognitionConstructor
  }
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null
}

/** The microphone: what the learner says becomes the question. */
export function MicrophoneButton({
  enabled,
  onTranscript,
}: {
  enabled: boolean
  onTranscript: (text: string) => void
}) {
  const available = useBrowserHas(() => enabled && recognitionConstructor() !== null)
  const [listening, setListening] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const recognition = useRef<Recognition | null>(null)
  useEffect(() => () => recognition.current?.stop(), [])
  if (!available) return null
  const toggle = () => {
    if (listening) {
      recognition.current?.stop()
      return
    }
    const Constructor = recognitionConstructor()
    if (!Constructor) return
    const r = new Constructor()
    r.lang = document.documentElement.lang || 'en'
    r.interimResults = false
    r.onresult = (event) => {
      const text = Array.from(event.results, (result) => result[0]?.transcript ?? '')
        .join(' ')
        .trim()
      if (text) onTranscript(text)
    }
    r.onerror = (event) =>
      setProblem(event.error === 'not-allowed' ? 'The microphone is not allowed.' : 'Nothing was heard.')
    r.onend = () => setListening(false)
    recognition.current = r
    setProblem(null)
    setListening(true)
    r.start()
  }
  return (
    <>
      <button type="button" className="button secondary" aria-pressed={listening} onClick={toggle}>
        {listening ? 'Stop listening' : 'Speak your question'}
      </button>
      {problem ? <span role="status">{problem}</span> : null}
    </>
  )
}

/** What to read of an answer: no quote marks or citation numbers. */
export function speakable(content: string): string {
  return content
    .replace(/^> /gm, '')
    .replace(/\[\d{1,3}\]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Whether an answer reads itself aloud: the learner asked for it, it is the latest answer and the
 * page was opened on it (`#latest`, where asking a question leads), so an old conversation stays quiet.
 */
export function readsItselfAloud(settings: VoiceSettings, latestAnswer: boolean, hash: string): boolean {
  return settings.readAloud && latestAnswer && hash === '#latest'
}

/** Starts reading `text` with the named voice (or the browser's default), stopping any other reading. */
function speak(text: string, voiceName: string | null, onSpeaking: (speaking: boolean) => void) {
  const synthesis = window.speechSynthesis
  const utterance = new SpeechSynthesisUtterance(speakable(text))
  const voice = voiceName ? synthesis.getVoices().find((v) => v.name === voiceName) : undefined
  if (voice) utterance.voice = voice
  utterance.onstart = () => onSpeaking(true)
  utterance.onend = () => onSpeaking(false)
  synthesis.cancel()
  synthesis.speak(utterance)
}

/** Reads one answer aloud with the configured voice (or the browser's default); `autoStart` reads it at once. */
export function ReadAloudButton({
  text,
  settings,
  autoStart = false,
}: {
  text: string
  settings: VoiceSettings
  autoStart?: boolean
}) {
  const available = useBrowserHas(() => settings.speak && 'speechSynthesis' in window)
  const [speaking, setSpeaking] = useState(false)
  const { voiceName } = settings
  useEffect(() => {
    if (!available || !autoStart) return
    speak(text, voiceName, setSpeaking)
    // leaving the page stops the answer it read by itself
    return () => window.speechSynthesis.cancel()
  }, [available, autoStart, text, voiceName])
  if (!available) return null
  const toggle = () => {
    if (speaking) {
      window.speechSynthesis.cancel()
      setSpeaking(false)
      return
    }
    setSpeaking(true)
    speak(text, voiceName, setSpeaking)
  }
  return (
    <button type="button" className="button secondary" aria-pressed={speaking} onClick={toggle}>
      {speaking ? 'Stop reading' : 'Read aloud'}
    </button>
  )
}
