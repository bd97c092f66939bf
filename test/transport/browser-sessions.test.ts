import { describe, expect, it } from 'vitest'
import { BrowserSessions } from '../../src/main/transport/browser-sessions'

describe('browser-mode sessions (one-time links → page credentials)', () => {
  it('trades a link once: fresh → used, and says which on a second try', () => {
    const sessions = new BrowserSessions()
    const link = sessions.newLink()
    expect(sessions.linkState(link)).toBe('fresh')
    const traded = sessions.redeem(link)
    expect(traded).toEqual({ credential: expect.stringMatching(/^[\w-]{32}$/) })
    expect(sessions.linkState(link)).toBe('used')
    expect(sessions.redeem(link)).toEqual({ refused: 'used' })
    expect(sessions.redeem('never handed out')).toEqual({ refused: 'unknown' })
    if ('credential' in traded) expect(sessions.hasCredential(traded.credential)).toBe(true)
    // A link token is no credential, nor the other way round.
    expect(sessions.hasCredential(link)).toBe(false)
  })

  it('gives every page its own credential', () => {
    const sessions = new BrowserSessions()
    const a = sessions.redeem(sessions.newLink())
    const b = sessions.redeem(sessions.newLink())
    expect(a).not.toEqual(b)
  })

  it('remembers a bounded number of links and credentials, oldest forgotten first', () => {
    const sessions = new BrowserSessions()
    const oldest = sessions.newLink()
    for (let i = 0; i < 64; i++) sessions.newLink()
    expect(sessions.linkState(oldest)).toBe('unknown')
    const credentials: string[] = []
    for (let i = 0; i < 257; i++) {
      const traded = sessions.redeem(sessions.newLink())
      if ('credential' in traded) credentials.push(traded.credential)
    }
    expect(sessions.hasCredential(credentials[0]!)).toBe(false)
    expect(sessions.hasCredential(credentials[256]!)).toBe(true)
  })
})
