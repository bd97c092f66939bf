import { performance } from 'node:perf_hooks'
import type { Document } from 'mongodb'
import { QuarryFailure } from '../../../shared/contract'
import type { WireValue } from '../../../shared/contract'
import type { EditConflict, EditOutcome, EditPlan, EditRequest } from '../../../shared/contract/edit-model'
import type { ConnectionEdits } from '../driver'
import type { MongoClientLike, OperationOptions } from './mongodb-client'
import { SIMPLE_COLLATION, planMongoEdits } from './mongodb-edit-plan'
import type { MongoEditPlan, MongoWrite } from './mongodb-edit-plan'
import { mongoFailure, toMongoFailure } from './mongodb-errors'
import type { BsonValue } from './mongodb-shell-bson'
import { toWireValue } from './mongodb-values'

/** What the edits of a connection need from it. */
export interface MongoEditsContext {
  client: MongoClientLike
  /** The connection's database, for a target without one. */
  database: string
  readOnly: boolean
}

/** How the review names the transaction: a real one, or none (standalone: every guard checked first). */
export const TRANSACTION = { begin: 'session.startTransaction()', end: 'session.commitTransaction()' }
export const NO_TRANSACTION = {
  begin:
    '// standalone server, no transactions: every guard is checked first (a find per change), then the writes run in order',
  end: '// a write that matches no document stops the rest; those before it stay applied',
}

/** Transactions need a replica set or a sharded cluster (mongos) with sessions, MongoDB 4.0/4.2 or later. */
export function hasTransactions(hello: Document): boolean {
  const wire = Number(hello.maxWireVersion ?? 0)
  if (hello.logicalSessionTimeoutMinutes === undefined || hello.logicalSessionTimeoutMinutes === null) return false
  if (hello.msg === 'isdbgrid') return wire >= 8
  return typeof hello.setName === 'string' && wire >= 7
}

/** The write command of one planned write (one statement each, so its `n` is that write's count). */
export function writeCommand(collection: string, w: MongoWrite): Document {
  switch (w.kind) {
    case 'update':
      return { update: collection, updates: [{ q: w.filter, u: w.update, multi: false, collation: SIMPLE_COLLATION }] }
    case 'insert':
      return { insert: collection, documents: [w.document] }
    case 'delete':
      return { delete: collection, deletes: [{ q: w.filter, limit: 1, collation: SIMPLE_COLLATION }] }
  }
}

const DUPLICATE_KEY = 11000
const WRITE_CONFLICT = 112

/** A write that failed (a validator, a lost connection) after `at` writes on a server without transactions. */
function keptFailure(error: unknown, at: number): QuarryFailure {
  const { error: cause } = toMongoFailure(error)
  const kept = at === 1 ? 'Change 1 was' : `Changes 1–${at} were`
  return new QuarryFailure({
    ...cause,
    message: `Change ${at + 1} failed: ${cause.message}. ${kept} already written and stay applied (a standalone server has no transactions to roll them back)`,
  })
}

type Conflicted = Omit<EditConflict, 'current'> & { id: BsonValue | undefined }

/**
 * Edits of documents (issue "Edit data with proof"): each change is one guarded write keyed by
 * _id (see mongodb-edit-plan) that must match exactly one document. On a replica set or sharded
 * cluster all run in one transaction, aborted on any conflict. A standalone server has no
 * transactions: every guard is checked with a find before the first write, so a conflict seen
 * then writes nothing; only a change made by someone else between that check and its write can
 * leave earlier writes applied, and the outcome then names them (`keptChanges`).
 */
export class MongoEdits implements ConnectionEdits {
  private transactions: Promise<boolean> | null = null

  constructor(private readonly context: MongoEditsContext) {}

  async preview(request: EditRequest): Promise<EditPlan> {
    return this.call(async () => {
      const plan = planMongoEdits(request)
      const transaction = (await this.supportsTransactions()) ? TRANSACTION : NO_TRANSACTION
      return { key: plan.key, statements: plan.statements, transaction }
    })
  }

  /** Runs the writes; a tab's session and manual commit do not apply (the shell keeps no transaction). */
  async apply(
    request: EditRequest,
    options: { database?: string; planned?: (plan: EditPlan) => void },
  ): Promise<EditOutcome> {
    return this.call(async () => {
      if (this.context.readOnly)
        throw mongoFailure('permission', 'The connection is read-only: documents cannot be changed')
      const started = performance.now()
      const plan = planMongoEdits(request)
      const database = request.target.schema ?? options.database ?? this.context.database
      const transactions = await this.supportsTransactions()
      options.planned?.({
        key: plan.key,
        statements: plan.statements,
        transaction: transactions ? TRANSACTION : NO_TRANSACTION,
      })
      const result = transactions
        ? await this.inTransaction(database, plan)
        : await this.verifyThenWrite(database, plan)
      if (result.conflicts.length === 0)
        return {
          kind: 'applied',
          statements: plan.writes.length,
          committed: true,
          elapsedMs: performance.now() - started,
          session: null,
        }
      const conflicts = await Promise.all(
        result.conflicts.map(async ({ id, ...conflict }) => ({
          ...conflict,
          current: await this.current(database, plan, id),
        })),
      )
      return {
        kind: 'conflict',
        conflicts,
        session: null,
        ...(result.kept.length ? { keptChanges: result.kept } : {}),
      }
    })
  }

  private supportsTransactions(): Promise<boolean> {
    const { client } = this.context
    // hello from MongoDB 4.4.2 (and 4.2.10); the legacy isMaster answers the same fields before.
    this.transactions ??= client
      .command('admin', { hello: 1 })
      .catch(() => client.command('admin', { isMaster: 1 }))
      .then(hasTransactions)
    this.transactions.catch(() => (this.transactions = null))
    return this.transactions
  }

  /** Runs one write; its count of matched (update, delete) or inserted documents. A duplicate _id counts 0. */
  private async write(database: string, plan: MongoEditPlan, index: number, options: OperationOptions) {
    const answer = await this.context.client.command(
      database,
      writeCommand(plan.collection, plan.writes[index]!),
      options,
    )
    const error = (answer.writeErrors as Document[] | undefined)?.[0] ?? answer.writeConcernError
    if (error) {
      const code = Number(error.code)
      if (code === DUPLICATE_KEY && plan.writes[index]!.kind === 'insert') return 0
      throw Object.assign(new Error(String(error.errmsg)), { name: 'MongoServerError', code, codeName: error.codeName })
    }
    return Number(answer.n)
  }

  private conflict(plan: MongoEditPlan, change: number, affected: number): Conflicted {
    return { change, statement: plan.statements[change]!, affected, id: plan.writes[change]!.id }
  }

  private async inTransaction(database: string, plan: MongoEditPlan) {
    const session = this.context.client.startSession()
    const conflicts: Conflicted[] = []
    let at = 0
    try {
      session.startTransaction!()
      for (; at < plan.writes.length; at++) {
        const affected = await this.write(database, plan, at, { session })
        if (affected === 1) continue
        conflicts.push(this.conflict(plan, at, affected))
        // A failed insert ended the transaction on the server; a missed update or delete did not,
        // so the rest still run, to report every conflict at once.
        if (plan.writes[at]!.kind === 'insert') break
      }
      if (conflicts.length === 0) await session.commitTransaction!()
    } catch (error) {
      // Another transaction wrote the same document meanwhile: a conflict, not a failure.
      if (Number((error as { code?: unknown }).code) !== WRITE_CONFLICT) {
        await session.abortTransaction!().catch(() => {})
        throw error
      }
      conflicts.push(this.conflict(plan, Math.min(at, plan.writes.length - 1), 0))
    } finally {
      if (conflicts.length) await session.abortTransaction!().catch(() => {})
      await session.endSession().catch(() => {})
    }
    return { conflicts, kept: [] as number[] }
  }

  private async verifyThenWrite(database: string, plan: MongoEditPlan) {
    const conflicts: Conflicted[] = []
    for (let at = 0; at < plan.writes.length; at++) {
      const w = plan.writes[at]!
      if (w.kind === 'insert' && w.id === undefined) continue
      const found = await this.count(database, plan.collection, w.kind === 'insert' ? { _id: w.id } : w.filter)
      if (found !== (w.kind === 'insert' ? 0 : 1))
        conflicts.push(this.conflict(plan, at, w.kind === 'insert' ? 0 : found))
    }
    if (conflicts.length) return { conflicts, kept: [] as number[] }
    for (let at = 0; at < plan.writes.length; at++) {
      let affected: number
      try {
        affected = await this.write(database, plan, at, {})
      } catch (error) {
        throw at === 0 ? error : keptFailure(error, at)
      }
      if (affected !== 1)
        return { conflicts: [this.conflict(plan, at, affected)], kept: plan.writes.slice(0, at).map((_, i) => i) }
    }
    return { conflicts, kept: [] as number[] }
  }

  /** Documents matching a filter, counting to 2 (enough to tell none, one and several). */
  private async count(database: string, collection: string, filter: Document): Promise<number> {
    const answer = await this.context.client.command(database, {
      find: collection,
      filter,
      projection: { _id: 1 },
      collation: SIMPLE_COLLATION,
      limit: 2,
      singleBatch: true,
    })
    return ((answer.cursor as Document | undefined)?.firstBatch as Document[] | undefined)?.length ?? 0
  }

  /** The document as the server has it now, by _id; null when it is gone or has no known _id. */
  private async current(database: string, plan: MongoEditPlan, id: BsonValue | undefined) {
    if (id === undefined) return null
    const answer = await this.context.client.command(database, {
      find: plan.collection,
      filter: { _id: id },
      collation: SIMPLE_COLLATION,
      limit: 1,
      singleBatch: true,
    })
    const document = ((answer.cursor as Document | undefined)?.firstBatch as Document[] | undefined)?.[0]
    if (!document) return null
    // fromEntries defines each field as its own key (a field named __proto__ included).
    return Object.fromEntries(Object.entries(document).map(([field, value]) => [field, toWireValue(value)])) as Record<
      string,
      WireValue
    >
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw toMongoFailure(error)
    }
  }
}
