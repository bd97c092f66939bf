import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BROWSER_CSP } from '../../src/main/transport/browser-server'
import { WINDOW_CSP } from '../../src/main/window-csp'

const root = join(__dirname, '..', '..')
const metaCsp = (() => {
  const html = readFileSync(join(root, 'src', 'renderer', 'index.html'), 'utf8')
  return /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
})()

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  )

describe.each([
  ['desktop window (response header)', WINDOW_CSP],
  ['browser mode (response header)', BROWSER_CSP],
  ['renderer index.html (meta)', metaCsp],
])('Content-Security-Policy of the %s', (_name, policy) => {
  const csp = directives(policy)

  it('runs only the app’s own scripts: no inline script, no eval, no remote script', () => {
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('default-src')).toEqual(["'self'"])
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-eval'")
      expect(sources, name).not.toContain("'wasm-unsafe-eval'")
      expect(sources, name).not.toContain('*')
      expect(
        sources.some((source) => /^https?:$|^data:$/.test(source) && name !== 'img-src'),
        name,
      ).toBe(false)
    }
    // Inline styles are allowed (CodeMirror injects its sheets); inline scripts never are.
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'")
  })

  it('loads no plugins and no foreign base URL, and talks only to its own origin', () => {
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('connect-src') ?? csp.get('default-src')).toEqual(["'self'"])
  })
})

describe('Content-Security-Policy of browser mode', () => {
  it('cannot be framed by another page', () => {
    expect(directives(BROWSER_CSP).get('frame-ancestors')).toEqual(["'none'"])
  })
})
