import { loadThemeChoice, resolveTheme, saveThemeChoice } from './theme-setting'
import type { SettingStorage, Theme, ThemeChoice } from './theme-setting'

export interface ThemeState {
  choice: ThemeChoice
  /** The theme on screen: the choice, or the OS's preference for `system`. */
  theme: Theme
}

/** The part of `MediaQueryList` the controller listens to. */
export interface DarkQuery {
  matches: boolean
  addEventListener(type: 'change', listener: () => void): void
}

/**
 * Keeps `data-theme` on the root element equal to the chosen theme, following the OS while the
 * choice is `system`. Created before the first paint, so the page never flashes the wrong theme.
 */
export class ThemeController {
  private state: ThemeState
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly root: { setAttribute(name: string, value: string): void },
    private readonly storage: SettingStorage | undefined,
    private readonly darkQuery: DarkQuery | undefined,
  ) {
    const choice = loadThemeChoice(storage)
    this.state = { choice, theme: resolveTheme(choice, darkQuery?.matches ?? false) }
    this.apply()
    darkQuery?.addEventListener('change', () => this.update(this.state.choice))
  }

  readonly getState = (): ThemeState => this.state

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  choose(choice: ThemeChoice): void {
    saveThemeChoice(this.storage, choice)
    this.update(choice)
  }

  private update(choice: ThemeChoice): void {
    const theme = resolveTheme(choice, this.darkQuery?.matches ?? false)
    if (choice === this.state.choice && theme === this.state.theme) return
    this.state = { choice, theme }
    this.apply()
    for (const listener of this.listeners) listener()
  }

  private apply(): void {
    this.root.setAttribute('data-theme', this.state.theme)
  }
}
