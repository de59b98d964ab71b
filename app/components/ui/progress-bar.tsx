/**
 * A horizontal progress bar. The bar is drawn as inline SVG (its width is an SVG attribute,
 * so no inline style is needed under the Content-Security-Policy); the wrapper is an ARIA
 * progressbar whose value text says the numbers in words.
 */
export function ProgressBar({
  fraction,
  label,
  labelledBy,
  valueText,
  tone,
}: {
  /** 0..1; values outside are clamped */
  fraction: number
  /** accessible name, unless `labelledBy` points at a visible label */
  label?: string
  labelledBy?: string
  /** what a screen reader announces as the value, e.g. "40 of 150 XP to level 3" */
  valueText: string
  /** extra class for colour, e.g. "mastery-proficient" */
  tone?: string
}) {
  const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0
  return (
    <div
      className={tone ? `progress-bar ${tone}` : 'progress-bar'}
      role="progressbar"
      aria-label={labelledBy ? undefined : label}
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clamped * 100)}
      aria-valuetext={valueText}
    >
      <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect className="progress-bar-track" x="0" y="0" width="100" height="10" />
        <rect className="progress-bar-fill" x="0" y="0" width={Number((clamped * 100).toFixed(2))} height="10" />
      </svg>
    </div>
  )
}
