import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SavedTabs, SavedTableTab } from '../../src/shared/contract'
import { buildServeEntry, startServed } from './served-process'
import type { ServedProcess } from './served-process'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const tableTab: SavedTableTab = {
  kind: 'table',
  id: 'table:sample/sample/main/customers',
  title: 'customers',
  connectionId: 'sample',
  engine: 'sqlite',
  database: 'sample',
  table: { schema: 'main', name: 'customers', kind: 'table', rowCount: 3, rowCountExact: true },
  view: 'data',
}

/** The workspace after `n` keystrokes: a query tab with n characters, a table tab, a closed tab. */
const workspaceAt = (n: number): SavedTabs => ({
  tabs: [
    { id: 'query-1', title: 'Query 1', connectionId: 'sample', engine: 'sqlite', sql: `SELECT '${'x'.repeat(n)}'` },
    tableTab,
  ],
  activeId: 'query-1',
  closed: [{ id: 'query-0', title: 'Query 0', connectionId: 'sample', engine: 'sqlite', sql: 'SELECT 0' }],
})

/** The real browser-mode process, killed with SIGKILL while tabs are being saved, then started again. */
describe('saved tabs survive SIGKILL of the served process', () => {
  let dir = ''
  let script = ''
  const started: ServedProcess[] = []
  const start = async (): Promise<ServedProcess> => {
    const served = await startServed(script, {
      QUARRY_DATA_DIR: join(dir, 'data'),
      QUARRY_SAMPLE_DB: join(dir, 'no-sample.db'),
    })
    started.push(served)
    return served
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarry-tabs-journal-'))
    script = await buildServeEntry()
  }, 60_000)
  afterAll(async () => {
    for (const served of started) await served.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a save answered before the kill is what the next start loads: query, table and closed tabs', async () => {
    const first = await start()
    // Keystrokes as the page sends them (a save every 50 ms), the kill landing mid-stream.
    let acknowledged = -1
    let n = 0
    const typing = (async () => {
      for (; n < 10_000; n++) {
        const result = await first.call('tabs.save', workspaceAt(n)).catch(() => null)
        if (!result) return
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true })
        acknowledged = n
        await sleep(50)
      }
    })()
    await sleep(1500)
    first.child.kill('SIGKILL')
    await typing
    // The failed call can come before the exit event: wait for it (the kill is certain to end it).
    if (first.child.exitCode === null && first.child.signalCode === null)
      await new Promise((resolve) => first.child.once('exit', resolve))
    expect(first.child.signalCode).toBe('SIGKILL')
    expect(acknowledged).toBeGreaterThan(5)

    const second = await start()
    const loaded = await second.call('tabs.load', {})
    expect(loaded.ok, JSON.stringify(loaded)).toBe(true)
    const value = loaded.value as SavedTabs & { problem: string | null }
    expect(value.problem).toBeNull()
    // The last answered save, or the one in flight when the kill came: never an older one, never half of one.
    const sql = value.tabs[0] && 'sql' in value.tabs[0] ? value.tabs[0].sql : ''
    const typed = sql.length - "SELECT ''".length
    expect([acknowledged, acknowledged + 1]).toContain(typed)
    expect(value).toEqual({ ...workspaceAt(typed), problem: null })
    // No temporary file was promoted or left behind as if it were the state.
    expect(readdirSync(join(dir, 'data')).filter((name) => name.startsWith('query-tabs.json.corrupt'))).toEqual([])
  })
})
