import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/app-services'
import { decodeRows } from '../../src/shared/contract'
import type { EncodedRows, EventMessage, EventPayloads, ResultColumn, WireValue } from '../../src/shared/contract'
import { appClient } from './app-client'
import { FAULT_ENGINES, profileFromUrl, servicesRig } from './engines'

const TEN_MB = 10 * 1024 * 1024

/** Hostile values per server engine, and exactly what must reach the renderer for each. */
const CASES = {
  postgres: {
    sql: `SELECT '\\x41c328ff42'::bytea AS b, E'a\\x01\\x07\\x1b[31m\\r\\nb' AS c, '<img src=x onerror=alert(1)>' AS "<script>alert(1)</script>", repeat('x', ${TEN_MB}) AS big`,
    expected: [{ $: 'bytes', v: '41c328ff42', n: 5 }, 'a\u0001\u0007\u001b[31m\r\nb', '<img src=x onerror=alert(1)>'],
  },
  mariadb: {
    // Bytes that are not UTF-8, asked for as utf8mb4 text: the server substitutes '?', as its own client shows.
    sql: `SELECT CAST(x'41c328ff42' AS BINARY) AS b, CONCAT('a', CHAR(1, 7, 27 USING utf8mb4), '[31m', CHAR(13, 10 USING utf8mb4), 'b') AS c, '<img src=x onerror=alert(1)>' AS \`<script>alert(1)</script>\`, REPEAT('x', ${TEN_MB}) AS big, CAST(x'41c328ff42' AS CHAR CHARACTER SET utf8mb4) AS t`,
    expected: [{ $: 'bytes', v: '41c328ff42', n: 5 }, 'a\u0001\u0007\u001b[31m\r\nb', '<img src=x onerror=alert(1)>'],
  },
} as const

for (const engine of FAULT_ENGINES) {
  const skip = engine.sharedUrl ? '' : engine.skipReason
  if (skip) console.log(`[hostile results ${engine.label}] not run: ${skip}`)

  describe.skipIf(Boolean(skip))(`hostile values in results: ${engine.label}`, () => {
    const rig = servicesRig()
    let services: AppServices
    let id = ''
    beforeAll(async () => {
      services = rig.open()
      const { profile, password } = profileFromUrl(engine.sharedUrl!, engine.label)
      id = await appClient(services.dispatch).save(profile, password)
    })
    afterAll(async () => {
      await services?.close()
      rig.remove()
    })

    it('arrive exactly, as data: bytes as hex, control characters and markup as text, 10 MB whole', async () => {
      const client = appClient(services.dispatch)
      const events: EventMessage[] = []
      const emit = client.client.emit.bind(client.client)
      client.client.emit = (event, payload) => {
        events.push({ event, payload } as EventMessage)
        emit(event, payload)
      }
      const { sql, expected } = CASES[engine.label]
      const end = await client.run(id, sql)
      expect(end).toMatchObject({ outcome: 'done', rowCount: 1, error: null })
      const columns = (events.find((e) => e.event === 'query.columns')!.payload as { columns: ResultColumn[] }).columns
      expect(columns[2]!.name).toBe('<script>alert(1)</script>')
      const batch = events.find((e) => e.event === 'query.batch')!.payload as EventPayloads['query.batch']
      const [row] = decodeRows(batch.rows as EncodedRows) as WireValue[][]
      expect(row!.slice(0, 3)).toEqual(expected)
      expect(row![3]).toBe('x'.repeat(TEN_MB))
      if (engine.label === 'mariadb') expect(row![4]).toBe('A?(?B')
    })
  })
}
