import type { ObjectId } from 'mongodb'
import type { Document } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { QuarryFailure } from '../../../shared/contract'
import type { EditPlan, EditRequest } from '../../../shared/contract/edit-model'
import type { MongoClientLike } from './mongodb-client'
import { createMongodbDriver } from './mongodb-driver'
import { MongoEdits, NO_TRANSACTION, TRANSACTION, hasTransactions } from './mongodb-edits'

const oid = (n: number) => `65a0c0ffee0000000000000${n}`
const id = (n: number) => ({ $: 'bson', t: 'ObjectId', v: oid(n) }) as const

/**
 * A fake server: `hello` says replica set or standalone; finds answer `found` documents; writes
 * answer `n` from `written` (default 1). Every command is logged with whether it ran in a session.
 */
function fakeServer(options: {
  replicaSet: boolean
  found?: (filter: Document) => number
  written?: (i: number) => number | Document
}) {
  const log: string[] = []
  const commands: Document[] = []
  let writes = 0
  const client: MongoClientLike = {
    async command(_database, command, opts) {
      const name = Object.keys(command)[0]!
      commands.push(command)
      const inTxn = opts?.session ? ' (txn)' : ''
      log.push(name + inTxn)
      if (name === 'hello')
        return options.replicaSet
          ? { setName: 'rs0', maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 }
          : { maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 }
      if (name === 'find') {
        const filter = command.filter as Document
        // The current document (found by _id alone) is always there; guards answer as told.
        if (Object.keys(filter).length === 1 && command.projection === undefined)
          return { cursor: { firstBatch: [{ _id: filter._id, name: 'theirs' }] } }
        return { cursor: { firstBatch: Array.from({ length: options.found?.(filter) ?? 1 }, () => ({})) } }
      }
      const written = options.written?.(writes++) ?? 1
      return typeof written === 'number' ? { n: written, ok: 1 } : { n: 0, ok: 1, ...written }
    },
    cursor: () => {
      throw new Error('no cursors here')
    },
    startSession: () => ({
      id: undefined,
      discard() {},
      async endSession() {
        log.push('endSession')
      },
      startTransaction: () => void log.push('startTransaction'),
      commitTransaction: async () => void log.push('commitTransaction'),
      abortTransaction: async () => void log.push('abortTransaction'),
    }),
    async close() {},
  }
  return { client, log, commands }
}

const request: EditRequest = {
  target: { schema: 'app', table: 'people' },
  changes: [
    { op: 'update', original: { _id: id(1), name: 'Ann' }, set: { name: { value: 'Bo' } } },
    { op: 'delete', original: { _id: id(2), name: 'Cy' } },
    { op: 'insert', values: { name: { value: 'Di' } } },
  ],
}

describe('MongoDB edits: apply', () => {
  it('tells replica sets and clusters (transactions) from standalone servers', () => {
    expect(hasTransactions({ setName: 'rs0', maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 })).toBe(true)
    expect(hasTransactions({ msg: 'isdbgrid', maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 })).toBe(true)
    expect(hasTransactions({ maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 })).toBe(false)
    expect(hasTransactions({ setName: 'rs0', maxWireVersion: 6, logicalSessionTimeoutMinutes: 30 })).toBe(false)
  })

  it('on a replica set runs every write in one transaction and commits when each matched one document', async () => {
    const { client, log, commands } = fakeServer({ replicaSet: true })
    const edits = new MongoEdits({ client, database: 'app', readOnly: false })
    expect((await edits.preview(request)).transaction).toEqual(TRANSACTION)
    const planned: EditPlan[] = []
    const outcome = await edits.apply(request, { planned: (plan) => planned.push(plan) })
    expect(outcome).toMatchObject({ kind: 'applied', statements: 3, committed: true })
    // History hears the statements as reviewed, before they run.
    expect(planned).toEqual([await edits.preview(request)])
    expect(
      commands.filter((c) => 'update' in c || 'delete' in c).map((c) => (c.updates ?? c.deletes)[0].collation),
    ).toEqual([{ locale: 'simple' }, { locale: 'simple' }])
    expect(log).toEqual([
      'hello',
      'startTransaction',
      'update (txn)',
      'delete (txn)',
      'insert (txn)',
      'commitTransaction',
      'endSession',
    ])
  })

  it('on a replica set aborts when a write matched nothing, and answers the document as it is now', async () => {
    const { client, log } = fakeServer({ replicaSet: true, written: (i) => (i === 0 ? 0 : 1) })
    const outcome = await new MongoEdits({ client, database: 'app', readOnly: false }).apply(request, {})
    expect(log).not.toContain('commitTransaction')
    expect(log).toContain('abortTransaction')
    expect(outcome.kind).toBe('conflict')
    if (outcome.kind !== 'conflict') return
    expect(outcome.keptChanges).toBeUndefined()
    expect(outcome.conflicts).toHaveLength(1)
    expect(outcome.conflicts[0]).toMatchObject({
      change: 0,
      affected: 0,
      current: { _id: { $: 'bson', t: 'ObjectId', v: oid(1) }, name: 'theirs' },
    })
    expect(outcome.conflicts[0]!.statement.display).toMatch(/^db\.getCollection\("people"\)\.updateOne\(/)
  })

  it('on a standalone server checks every guard before writing: a conflict writes nothing', async () => {
    const { client, log } = fakeServer({
      replicaSet: false,
      found: (filter) => ((filter._id as ObjectId).toHexString() === oid(2) ? 0 : 1),
    })
    const edits = new MongoEdits({ client, database: 'app', readOnly: false })
    expect((await edits.preview(request)).transaction).toEqual(NO_TRANSACTION)
    const outcome = await edits.apply(request, {})
    expect(log.filter((c) => ['update', 'delete', 'insert'].includes(c))).toEqual([])
    expect(outcome).toMatchObject({ kind: 'conflict', conflicts: [{ change: 1, affected: 0 }] })
  })

  it('on a standalone server a document changed between check and write stops there and names what stayed', async () => {
    const { client, log } = fakeServer({ replicaSet: false, written: (i) => (i === 1 ? 0 : 1) })
    const outcome = await new MongoEdits({ client, database: 'app', readOnly: false }).apply(request, {})
    expect(log.filter((c) => ['update', 'delete', 'insert'].includes(c))).toEqual(['update', 'delete'])
    expect(outcome).toMatchObject({ kind: 'conflict', keptChanges: [0], conflicts: [{ change: 1, affected: 0 }] })
  })

  it('is what a connection of the driver offers; read-only when the connection is', async () => {
    for (const readOnly of [false, true]) {
      const { client } = fakeServer({ replicaSet: true })
      const driver = createMongodbDriver({ client: async () => client })
      const connection = await driver.connect({ engine: 'mongodb', host: 'db.example', database: 'app', readOnly })
      const outcome = connection.edits!.apply(request, { manualCommit: false })
      if (readOnly) await expect(outcome).rejects.toMatchObject({ error: { kind: 'permission' } })
      else await expect(outcome).resolves.toMatchObject({ kind: 'applied' })
      await connection.close()
    }
  })

  it('on a standalone server a write that fails after others says which stay applied', async () => {
    const validation = {
      writeErrors: [
        { index: 0, code: 121, codeName: 'DocumentValidationFailure', errmsg: 'Document failed validation' },
      ],
    }
    const { client } = fakeServer({ replicaSet: false, written: (i) => (i === 2 ? validation : 1) })
    const failure = await new MongoEdits({ client, database: 'app', readOnly: false })
      .apply(request, {})
      .catch((e) => e)
    expect(failure).toBeInstanceOf(QuarryFailure)
    expect((failure as QuarryFailure).message).toBe(
      'Change 3 failed: Document failed validation. Changes 1–2 were already written and stay applied (a standalone server has no transactions to roll them back)',
    )
    // The first write failing leaves nothing applied: the error is the server's own.
    const first = fakeServer({ replicaSet: false, written: () => validation })
    const plain = await new MongoEdits({ client: first.client, database: 'app', readOnly: false })
      .apply(request, {})
      .catch((e) => e)
    expect((plain as QuarryFailure).message).toBe('Document failed validation')
    // In a transaction the same failure aborts it: nothing stays.
    const txn = fakeServer({ replicaSet: true, written: (i) => (i === 2 ? validation : 1) })
    const aborted = await new MongoEdits({ client: txn.client, database: 'app', readOnly: false })
      .apply(request, {})
      .catch((e) => e)
    expect((aborted as QuarryFailure).message).toBe('Document failed validation')
    expect(txn.log).toContain('abortTransaction')
    expect(txn.log).not.toContain('commitTransaction')
  })

  it('refuses on a read-only connection, before anything reaches the server', async () => {
    const { client, log } = fakeServer({ replicaSet: true })
    const failure = await new MongoEdits({ client, database: 'app', readOnly: true }).apply(request, {}).catch((e) => e)
    expect(failure).toBeInstanceOf(QuarryFailure)
    expect((failure as QuarryFailure).error.kind).toBe('permission')
    expect(log).toEqual([])
  })
})
