/** The user's theme choice: a fixed theme, or whatever the OS prefers (`prefers-color-scheme`). */
export type ThemeChoice = 'light' | 'dark' | 'system'
export type Theme = 'light' | 'dark'

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']
export const THEME_KEY = 'quarry.theme'

/** The part of `Storage` the setting uses (localStorage in the app, a map in tests). */
export type SettingStorage = Pick<Storage, 'getItem' | 'setItem'>

export function loadThemeChoice(storage: SettingStorage | undefined): ThemeChoice {
  try {
    const saved = storage?.getItem(THEME_KEY)
    return THEME_CHOICES.find((choice) => choice === saved) ?? 'system'
  } catch {
    // No storage (a locked-down profile): follow the OS.
    return 'system'
  }
}

export function saveThemeChoice(storage: SettingStorage | undefined, choice: ThemeChoice): void {
  try {
    storage?.setItem(THEME_KEY, choice)
  } catch {
    // Not persisted; the choice still applies until the page is reloaded.
  }
}

export function resolveTheme(choice: ThemeChoice, osPrefersDark: boolean): Theme {
  if (choice === 'system') return osPrefersDark ? 'dark' : 'light'
  return choice
}
