import { useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'

/** A submit button that says so while its form is being sent (with JavaScript on). */
export function SubmitButton({ children, pendingText }: { children: ReactNode; pendingText: string }) {
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting'
  return (
    <button type="submit" className="button" aria-disabled={pending || undefined}>
      {pending ? pendingText : children}
    </button>
  )
}
