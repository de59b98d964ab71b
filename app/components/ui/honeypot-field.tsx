import { HONEYPOT_FIELD } from '~/utils/honeypot'

/** Hidden from people and assistive technology; see utils/honeypot.ts. */
export function HoneypotField() {
  return (
    <div className="hp" aria-hidden="true">
      <label>
        Leave this empty
        <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  )
}
