import type { Session, WebContents } from 'electron'

/**
 * Which URLs are the app's own page: the built renderer's index.html (any query or hash), or any
 * page of the dev server's origin under `npm run dev`. Nothing else may talk to main or be shown.
 */
export function appUrlMatcher(rendererIndexUrl: string, devServerUrl?: string): (url: string) => boolean {
  const home = new URL(devServerUrl ?? rendererIndexUrl)
  return (url) => {
    let target: URL
    try {
      target = new URL(url)
    } catch {
      return false
    }
    if (devServerUrl) return target.origin === home.origin && target.origin !== 'null'
    return target.protocol === 'file:' && target.host === home.host && target.pathname === home.pathname
  }
}

/** Only https links leave the app, and only for the system browser. */
export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/** The slice of WebContents the guards use (a fake in the tests). */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * No navigation away from the app (in any frame, nor by redirect), no new windows, no webviews:
 * an https link goes to the system browser instead.
 */
export function guardWebContents(
  contents: GuardedContents,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url))
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) openExternal(url)
    return { action: 'deny' }
  })
}

/** The slice of Session the guards use. */
export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>

/**
 * Writing to the clipboard (copy from the grid, gated by a user gesture) is the one permission
 * granted, and only to the app's own page; every other one (camera, notifications, geolocation,
 * HID, clipboard read…) is refused.
 */
export const GRANTED_PERMISSION = 'clipboard-sanitized-write'

export function denyPermissions(session: GuardedSession, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === GRANTED_PERMISSION && isAppUrl(details.requestingUrl)),
  )
  session.setPermissionCheckHandler(
    (contents, permission) => permission === GRANTED_PERMISSION && contents !== null && isAppUrl(contents.getURL()),
  )
}
