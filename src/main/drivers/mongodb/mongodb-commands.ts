import type { Document } from 'mongodb'
import type { ShellCommand } from '../../../shared/mongo-shell/shell-command'
import type { ShellValue } from '../../../shared/mongo-shell/shell-value'
import type { CursorRequest, MongoClientLike, OperationOptions } from './mongodb-client'
import { toBson, toDocument } from './mongodb-shell-bson'

/** How a parsed command runs: through a cursor read batch by batch, or one command whose answer is the rows. */
export type PlannedCommand =
  | { kind: 'cursor'; collection: string; request: CursorRequest }
  | { kind: 'single'; run(client: MongoClientLike, database: string, options: OperationOptions): Promise<Document[]> }

const doc = (value: ShellValue | null): Document | undefined =>
  value?.kind === 'object' ? toDocument(value) : undefined

/** Turns a parsed shell command into BSON and the way it runs (conversion errors are ShellSyntaxErrors). */
export function planCommand(command: ShellCommand, serverBatchSize: number): PlannedCommand {
  const { collection } = command
  switch (command.op) {
    case 'find': {
      const options: Document = { batchSize: serverBatchSize }
      const add = (name: string, value: unknown) => value !== undefined && value !== null && (options[name] = value)
      add('projection', doc(command.projection))
      add('sort', doc(command.sort))
      add('hint', command.hint ? toBson(command.hint) : undefined)
      add('skip', command.skip)
      add('limit', command.limit)
      add('maxTimeMS', command.maxTimeMS)
      return { kind: 'cursor', collection, request: { kind: 'find', filter: doc(command.filter) ?? {}, options } }
    }
    case 'aggregate': {
      const pipeline = toBson(command.pipeline) as Document[]
      const options: Document = { batchSize: serverBatchSize, allowDiskUse: true }
      if (command.maxTimeMS !== null) options.maxTimeMS = command.maxTimeMS
      return { kind: 'cursor', collection, request: { kind: 'aggregate', pipeline, options } }
    }
    case 'countDocuments': {
      // What the driver's countDocuments runs, as a cursor of one document: cancellable like any other.
      const pipeline = [
        { $match: doc(command.filter) ?? {} },
        { $group: { _id: 1, n: { $sum: 1 } } },
        { $project: { _id: 0, count: '$n' } },
      ]
      return { kind: 'cursor', collection, request: { kind: 'aggregate', pipeline, options: { batchSize: 1 } } }
    }
    case 'distinct': {
      const query = doc(command.filter) ?? {}
      return {
        kind: 'single',
        async run(client, database, options) {
          const answer = await client.command(database, { distinct: collection, key: command.field, query }, options)
          const values = Array.isArray(answer.values) ? (answer.values as unknown[]) : []
          return values.map((value) => Object.fromEntries([[command.field, value]]))
        },
      }
    }
    case 'estimatedDocumentCount':
      return {
        kind: 'single',
        async run(client, database, options) {
          const answer = await client.command(database, { count: collection }, options)
          return [{ count: answer.n }]
        },
      }
  }
}
