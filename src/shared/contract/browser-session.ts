/**
 * Browser mode's sign-in, shared by the server and the page. The printed link carries a one-time
 * token (`?token=`); the page trades it at SESSION_PATH for a credential of its own, which it keeps
 * in sessionStorage and sends only as a WebSocket subprotocol (CREDENTIAL_PROTOCOL_PREFIX + it),
 * never as a cookie or in a URL. The server answers with WS_PROTOCOL.
 */
export const SESSION_PATH = '/session'
export const LINK_TOKEN_PARAM = 'token'
export const WS_PROTOCOL = 'quarry.v1'
export const CREDENTIAL_PROTOCOL_PREFIX = 'quarry.credential.'

/** The answer of SESSION_PATH to a valid link token. */
export interface SessionGrant {
  credential: string
}

/**
 * Browser mode's export downloads: `DOWNLOAD_PATH` + a one-time ticket that `export.start` (asked
 * over the page's WebSocket) answers with. Used up by its first GET; never a cookie or the credential.
 */
export const DOWNLOAD_PATH = '/download/'

/**
 * Browser mode's import uploads: `UPLOAD_PATH` + the ticket `import.upload` answered with, then
 * `?offset=N`; the page PUTs the file there in slices. The ticket is not the credential.
 */
export const UPLOAD_PATH = '/upload/'
