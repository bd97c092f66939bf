import { createHash, randomBytes } from 'node:crypto'

/** What a link token is now: never handed out, waiting for its one use, or already used. */
export type LinkState = 'unknown' | 'fresh' | 'used'

/** Bounds on what is remembered, so no client can grow the server's memory without end. */
const MAX_FRESH_LINKS = 64
const MAX_USED_LINKS = 1024
const MAX_CREDENTIALS = 256

const newSecret = (): string => randomBytes(24).toString('base64url')
/** Tokens are looked up by their hash: a lookup's timing says nothing about a token's text. */
const digest = (token: string): string => createHash('sha256').update(token).digest('base64')

/**
 * Browser mode's credentials, in memory only (a restart forgets them all). A link token is good
 * for one trade: it becomes a per-page credential, and is then remembered as used so that a replay
 * (a URL from the browser's history) is told so. Oldest entries go first past the bounds.
 */
export class BrowserSessions {
  private readonly fresh = new Set<string>()
  private readonly used = new Set<string>()
  private readonly credentials = new Set<string>()

  /** A new one-time link token. */
  newLink(): string {
    const token = newSecret()
    remember(this.fresh, digest(token), MAX_FRESH_LINKS)
    return token
  }

  linkState(token: string): LinkState {
    const key = digest(token)
    if (this.fresh.has(key)) return 'fresh'
    return this.used.has(key) ? 'used' : 'unknown'
  }

  /** Trades a fresh link token for a new credential; the token is used up. */
  redeem(token: string): { credential: string } | { refused: Exclude<LinkState, 'fresh'> } {
    const key = digest(token)
    if (!this.fresh.delete(key)) return { refused: this.used.has(key) ? 'used' : 'unknown' }
    remember(this.used, key, MAX_USED_LINKS)
    const credential = newSecret()
    remember(this.credentials, digest(credential), MAX_CREDENTIALS)
    return { credential }
  }

  hasCredential(credential: string): boolean {
    return this.credentials.has(digest(credential))
  }
}

function remember(set: Set<string>, key: string, max: number): void {
  set.add(key)
  for (const oldest of set) {
    if (set.size <= max) break
    set.delete(oldest)
  }
}
