import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import type { EditRequest } from '../../src/shared/contract'
import { EDIT_FIXTURES } from '../helpers/edit-fixtures'
import type { TestDatabase } from '../helpers/engine-harness'
import { collect, failureOf } from '../helpers/streams'
import { engines } from './engines'

/**
 * A table with no key at all (`loose`: tag, note) takes inserts: they need no key, so a request of
 * inserts alone plans with key "none" and applies; an update or delete among them is refused.
 */
const withEdits = engines.filter((make) => EDIT_FIXTURES[make().engine] !== undefined)

describe.each(withEdits.map((make) => [make().engine, make] as const))(
  '%s: inserts into a keyless table',
  (engine, make) => {
    const harness = make()
    let db: TestDatabase
    let connection: DriverConnection
    const q = (name: string) => harness.driver().quoteIdentifier(name)
    const request = (changes: EditRequest['changes']): EditRequest => ({
      target: { schema: db.schema, table: 'loose' },
      changes,
    })
    const inserts = (): EditRequest =>
      request([
        { op: 'insert', values: { tag: { value: 'new' }, note: { value: 'x' } } },
        { op: 'insert', values: { tag: { value: 'new' }, note: { value: 'x' } } },
      ])

    beforeAll(async () => {
      db = await harness.createDatabase('edit_keyless', EDIT_FIXTURES[engine]!.setup)
      connection = await harness.driver().connect(db.options)
    })
    afterAll(async () => {
      await connection?.close()
      await harness.cleanup()
    })

    it('inserts alone need no key: planned with key "none", applied (even two equal rows)', async () => {
      const plan = await connection.edits!.preview(inserts(), { database: db.name })
      expect(plan.key).toEqual({ columns: [], source: 'none' })
      const outcome = await connection.edits!.apply(inserts(), { database: db.name, manualCommit: false })
      expect(outcome).toMatchObject({ kind: 'applied', statements: 2, committed: true })
      const sql = `SELECT tag, note FROM ${q('loose')} WHERE tag = 'new'`
      expect((await collect(connection.stream(sql, { batchSize: 10 }))).rows).toEqual([
        ['new', 'x'],
        ['new', 'x'],
      ])
    })

    it('an update among them still needs a key: refused with the reason, nothing runs', async () => {
      const mixed = request([...inserts().changes, { op: 'delete', original: { tag: 'solo', note: 'a' } }])
      const error = await failureOf(connection.edits!.preview(mixed, { database: db.name }), 'invalid-input')
      expect(error.message).toMatch(/no primary key.*Inserts alone need no key/)
    })
  },
)
