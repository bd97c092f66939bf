import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const AUTH_COOKIE = 'quarry_session'

export const newToken = (): string => randomBytes(24).toString('base64url')

const same = (a: string, b: string): boolean => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Reads one cookie from a request's Cookie header. */
export function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return null
}

/**
 * The checks every browser-mode request passes: the Host header names our loopback address
 * (no DNS rebinding), a present Origin is our own (no cross-site page), and the session token
 * arrives either in the URL (first load) or in the cookie set from it.
 */
export class BrowserAuth {
  constructor(
    readonly token: string,
    private readonly allowedHosts: () => string[],
  ) {}

  hostAllowed(request: IncomingMessage): boolean {
    return this.allowedHosts().includes(request.headers.host ?? '')
  }

  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin
    if (origin === undefined) return true
    return this.allowedHosts().some((host) => origin === `http://${host}`)
  }

  tokenFromUrl(url: URL): boolean {
    const given = url.searchParams.get('token')
    return given !== null && same(given, this.token)
  }

  tokenFromCookie(request: IncomingMessage): boolean {
    const given = cookieValue(request, AUTH_COOKIE)
    return given !== null && same(given, this.token)
  }

  sessionCookie(): string {
    return `${AUTH_COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`
  }
}
