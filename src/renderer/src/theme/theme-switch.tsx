import { useSyncExternalStore } from 'react'
import { TID } from '../test-ids'
import type { ThemeController } from './theme-controller'
import { THEME_CHOICES } from './theme-setting'
import type { ThemeChoice } from './theme-setting'

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' }

/** Light / Dark / System, remembered across sessions. */
export function ThemeSwitch({ controller }: { controller: ThemeController }) {
  const { choice } = useSyncExternalStore(controller.subscribe, controller.getState)
  return (
    <select
      className="theme-switch"
      data-testid={TID.themeSwitch}
      aria-label="Theme"
      title="Theme: follow the system, or always light or dark"
      value={choice}
      onChange={(event) => controller.choose(event.target.value as ThemeChoice)}
    >
      {THEME_CHOICES.map((value) => (
        <option key={value} value={value}>
          {LABELS[value]}
        </option>
      ))}
    </select>
  )
}
