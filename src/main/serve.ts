import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { createAppServices } from './app-services'
import { installLastResort } from './last-resort'
import { startBrowserServer } from './transport/browser-server'

/**
 * Browser mode entry (plain Node, no Electron): the same services behind a loopback web server.
 * Options: --port N (or QUARRY_PORT; default: a free port). A one-time link is printed, and a
 * fresh one after each use (and on SIGUSR2).
 * Saved connections live in QUARRY_DATA_DIR, or ~/.config/quarry. Saved queries (.sql files) live in
 * --queries-dir DIR (or QUARRY_QUERIES_DIR), else `queries` in the data directory.
 */
async function main(): Promise<void> {
  installLastResort()
  const root = join(__dirname, '..', '..')
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
  const portArg = process.argv.indexOf('--port')
  const port = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env['QUARRY_PORT'] ?? 0))
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${port}`)
  const queriesArg = process.argv.indexOf('--queries-dir')
  const queriesDir = (queriesArg > 0 ? process.argv[queriesArg + 1] : undefined) ?? process.env['QUARRY_QUERIES_DIR']
  const services = createAppServices({
    host: 'browser',
    version,
    sampleDb: process.env['QUARRY_SAMPLE_DB'] ?? join(root, 'resources', 'sample.db'),
    sqliteHostScript: join(__dirname, 'sqlite-host.js'),
    dataDir: process.env['QUARRY_DATA_DIR'] || join(homedir(), '.config', 'quarry'),
    ...(queriesDir ? { queriesDir: resolve(queriesDir) } : {}),
  })
  const server = await startBrowserServer({
    dispatch: services.dispatch,
    downloads: services.downloads,
    uploads: services.uploads,
    rendererDir: join(root, 'out', 'renderer'),
    port,
    onLinkUsed: () => console.log(`Quarry browser mode: link used; next one-time link: ${server.newLink()}`),
  })
  console.log(`Quarry browser mode: ${server.url}`)
  if (process.platform !== 'win32') {
    process.on('SIGUSR2', () => console.log(`Quarry browser mode: one-time link: ${server.newLink()}`))
    console.log(
      `Each link opens one page once; a fresh one is printed after each use (\`kill -USR2 ${process.pid}\`: one more).`,
    )
  }
  const stop = async (): Promise<void> => {
    await server.close()
    await services.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error(`Quarry browser mode failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
