/** A pushpin, drawn (emoji fonts are not on every machine: 📌 showed as a box). */
export function PinIcon({ className = 'pin-icon' }: { className?: string }) {
  return (
    <svg className={className} width="11" height="11" viewBox="0 0 16 16" aria-hidden="true">
      <path
        fill="currentColor"
        d="M10.5 1.2 14.8 5.5l-1.1 1.1-.9-.5-2.6 2.6.4 3.4-1.1 1.1-2.9-2.9-3.8 3.8-.9-.2-.2-.9L5.5 9.2 2.6 6.3l1.1-1.1 3.4.4 2.6-2.6-.5-.9z"
      />
    </svg>
  )
}
