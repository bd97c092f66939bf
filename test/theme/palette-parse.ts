/** The custom properties of palette.css, per theme (`light`: the `:root` block; others by data-theme). */
export function paletteThemes(css: string): Record<string, Record<string, string>> {
  const themes: Record<string, Record<string, string>> = {}
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '')
  for (const block of withoutComments.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selector = block[1]!
    const name = /data-theme='(\w+)'/.exec(selector)?.[1] ?? (selector.includes(':root') ? 'light' : null)
    if (!name) continue
    const values = (themes[name] ??= {})
    for (const declaration of block[2]!.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) {
      values[declaration[1]!] = declaration[2]!.trim()
    }
  }
  return themes
}
