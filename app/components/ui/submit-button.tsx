import { useNavigation } from '@remix-run/react'
import type { ButtonHTMLAttributes, ReactNode } from 'react'

/** A submit button that says so while its form is being sent (with JavaScript on). */
export function SubmitButton({
  children,
  pendingText,
  className = 'button',
  ...rest
}: { children: ReactNode; pendingText: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'children'>) {
  const navigation = useNavigation()
  // Only the button that was pressed says "…ing" (forms with several intents share one page).
  const pending =
    navigation.state === 'submitting' &&
    (rest.name === undefined || navigation.formData?.get(rest.name) === (rest.value ?? ''))
  return (
    <button type="submit" className={className} aria-disabled={pending || undefined} {...rest}>
      {pending ? pendingText : children}
    </button>
  )
}
