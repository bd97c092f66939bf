import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { pipeline } from 'node:stream'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
}

/** Serves a file of the built renderer; refuses anything outside its folder. */
export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<boolean> {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname))
  const file = join(root, relative)
  if (!file.startsWith(root + sep)) return false
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return false
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
  })
  // pipeline, not pipe: a read error (the file went away since stat) or a client that leaves
  // mid-file ends both sides, with no unhandled 'error' and no open file left behind.
  pipeline(createReadStream(file), response, () => undefined)
  return true
}
