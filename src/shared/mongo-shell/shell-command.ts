import { readList, readValue } from './shell-parser'
import { ShellReader } from './shell-reader'
import type { ShellValue } from './shell-value'

/** A read Quarry runs on a collection (or, for `db.aggregate`, the database: collection ''), as data. */
export type ShellCommand =
  | {
      op: 'find'
      collection: string
      filter: ShellValue | null
      projection: ShellValue | null
      sort: ShellValue | null
      hint: ShellValue | null
      skip: number | null
      limit: number | null
      maxTimeMS: number | null
    }
  | { op: 'aggregate'; collection: string; pipeline: ShellValue; maxTimeMS: number | null }
  | { op: 'countDocuments'; collection: string; filter: ShellValue | null }
  | { op: 'distinct'; collection: string; field: string; filter: ShellValue | null }
  | { op: 'estimatedDocumentCount'; collection: string }

/** One command of a script, with where it stands in the text (0-based offset). */
export interface ShellStatement {
  command: ShellCommand
  offset: number
  sql: string
}

type FindCommand = Extract<ShellCommand, { op: 'find' }>

const emptyFind = (collection: string): FindCommand => ({
  op: 'find',
  collection,
  filter: null,
  projection: null,
  sort: null,
  hint: null,
  skip: null,
  limit: null,
  maxTimeMS: null,
})

/** Cursor methods that change nothing (what users add in the shell). */
const NO_OPS = new Set(['toArray', 'pretty', 'itcount'])

/**
 * Parses a script of shell commands (`db.c.find(…).sort(…).limit(n)`, `db.c.aggregate([…])`,
 * `db.getCollection("c").countDocuments(…)`, `db.c.distinct("f")`, or a command document such as
 * `{ find: "c", filter: {…} }`), separated by `;` or line breaks. Throws ShellSyntaxError with the
 * 1-based position of the first problem; nothing is ever evaluated.
 */
export function parseShellScript(text: string): ShellStatement[] {
  const reader = new ShellReader(text)
  const statements: ShellStatement[] = []
  while (!reader.atEnd()) {
    if (reader.eat(';')) continue
    const offset = reader.pos
    const command = reader.peek() === '{' ? readCommandDocument(reader) : readShellCall(reader)
    statements.push({ command, offset, sql: text.slice(offset, reader.pos) })
    const next = reader.peek()
    if (next !== ';' && next !== '' && !/\n/.test(text.slice(offset + statements.at(-1)!.sql.length, reader.pos)))
      throw reader.fail(`Expected ";" or a new line before ${reader.describeNext()}`)
  }
  return statements
}

function readShellCall(reader: ShellReader): ShellCommand {
  const start = reader.pos
  const db = reader.identifier()
  if (db !== 'db') {
    reader.pos = start
    throw reader.fail(`Expected a command such as db.collection.find({…}) but found ${reader.describeNext()}`)
  }
  const { collection, method, methodAt } = readTarget(reader)
  const args = readList(reader, ')', 0)
  let command = startCommand(reader, collection, method, args, methodAt)
  let end = reader.pos
  while (reader.peek() === '.') {
    reader.pos++
    reader.skip()
    const at = reader.pos
    const name = reader.identifier()
    if (name === null) throw reader.fail(`Expected a method name but found ${reader.describeNext()}`)
    reader.expect('(', `"(" after ${name}`)
    command = chain(reader, command, name, readList(reader, ')', 0), at)
    end = reader.pos
  }
  // The command ends at its last ")": what follows (spaces, comments) belongs to no statement.
  reader.pos = end
  return command
}

/** `.name.name(` or `.getCollection("x").name(` or `["x"].name(`: the collection and the method. */
function readTarget(reader: ShellReader): { collection: string; method: string; methodAt: number } {
  if (reader.eat('[')) {
    const collection = stringArg(reader, readValue(reader), 'the collection name')
    reader.expect(']')
    reader.expect('.')
    reader.skip()
    return { collection, methodAt: reader.pos, method: methodName(reader) }
  }
  reader.expect('.', '"." after db')
  const parts: string[] = []
  for (;;) {
    reader.skip()
    const at = reader.pos
    const part = reader.identifier()
    if (part === null) throw reader.fail(`Expected a collection name but found ${reader.describeNext()}`)
    if (reader.eat('(')) {
      if (parts.length === 0 && part === 'getCollection') {
        const [name, ...rest] = readList(reader, ')', 0)
        if (!name || rest.length) throw reader.fail('getCollection takes one collection name', at)
        const collection = stringArg(reader, name, 'the collection name', at)
        reader.expect('.')
        reader.skip()
        return { collection, methodAt: reader.pos, method: methodName(reader) }
      }
      // db.aggregate([…]): a pipeline on the database itself ($documents, $currentOp…).
      if (parts.length === 0 && part === 'aggregate') return { collection: '', method: part, methodAt: at }
      if (parts.length === 0) throw reader.fail(`Expected db.<collection>.${part}(…)`, at)
      return { collection: parts.join('.'), method: part, methodAt: at }
    }
    parts.push(part)
    reader.expect('.', `"." and a method after db.${parts.join('.').slice(0, 60)}`)
  }
}

function methodName(reader: ShellReader): string {
  const name = reader.identifier()
  if (name === null) throw reader.fail(`Expected a method name but found ${reader.describeNext()}`)
  reader.expect('(', `"(" after ${name}`)
  return name
}

function startCommand(
  reader: ShellReader,
  collection: string,
  method: string,
  args: ShellValue[],
  at: number,
): ShellCommand {
  const arity = (max: number) => {
    if (args.length > max) throw reader.fail(`${method}() takes at most ${max} argument${max === 1 ? '' : 's'}`, at)
  }
  switch (method) {
    case 'find':
    case 'findOne':
      arity(2)
      return {
        ...emptyFind(collection),
        filter: documentArg(reader, args[0], 'the filter', at),
        projection: documentArg(reader, args[1], 'the projection', at),
        limit: method === 'findOne' ? 1 : null,
      }
    case 'aggregate': {
      arity(2)
      const pipeline = args[0] ?? { kind: 'array', items: [] }
      if (pipeline.kind !== 'array') throw reader.fail('aggregate() takes the pipeline as an array [ … ]', at)
      const options = documentArg(reader, args[1], 'the options', at)
      const maxTime = options?.kind === 'object' ? options.entries.find(([k]) => k === 'maxTimeMS')?.[1] : undefined
      return {
        op: 'aggregate',
        collection,
        pipeline,
        maxTimeMS: maxTime ? count(reader, maxTime, 'maxTimeMS', at) : null,
      }
    }
    case 'countDocuments':
    case 'count':
      arity(1)
      return { op: 'countDocuments', collection, filter: documentArg(reader, args[0], 'the filter', at) }
    case 'estimatedDocumentCount':
      arity(0)
      return { op: 'estimatedDocumentCount', collection }
    case 'distinct': {
      arity(2)
      if (!args[0]) throw reader.fail('distinct() needs a field name', at)
      const field = stringArg(reader, args[0], 'the field name', at)
      return { op: 'distinct', collection, field, filter: documentArg(reader, args[1], 'the filter', at) }
    }
  }
  throw reader.fail(
    `Unsupported method "${method.slice(0, 40)}": Quarry runs find, findOne, aggregate, countDocuments, distinct and estimatedDocumentCount`,
    at,
  )
}

function chain(reader: ShellReader, command: ShellCommand, name: string, args: ShellValue[], at: number): ShellCommand {
  if (NO_OPS.has(name) && args.length === 0) return command
  if (command.op !== 'find' && !(command.op === 'aggregate' && name === 'maxTimeMS'))
    throw reader.fail(`.${name.slice(0, 40)}() cannot follow ${command.op}()`, at)
  const one = () => {
    if (args.length !== 1) throw reader.fail(`.${name}() takes one argument`, at)
    return args[0]!
  }
  switch (name) {
    case 'sort':
      return { ...(command as FindCommand), sort: documentArg(reader, one(), 'the sort', at) }
    case 'projection':
    case 'project':
      return { ...(command as FindCommand), projection: documentArg(reader, one(), 'the projection', at) }
    case 'hint':
      return { ...(command as FindCommand), hint: one() }
    case 'skip':
      return { ...(command as FindCommand), skip: count(reader, one(), 'skip', at) }
    case 'limit':
      return { ...(command as FindCommand), limit: count(reader, one(), 'limit', at) }
    case 'maxTimeMS':
      return { ...command, maxTimeMS: count(reader, one(), 'maxTimeMS', at) }
    case 'batchSize':
      count(reader, one(), 'batchSize', at)
      return command // Quarry sizes batches itself.
  }
  throw reader.fail(
    `Unsupported cursor method ".${name.slice(0, 40)}()": use sort, skip, limit, projection, hint, maxTimeMS`,
    at,
  )
}

/** `{ find: "c", filter, projection, sort, skip, limit }` or `{ aggregate: "c", pipeline: […] }`. */
function readCommandDocument(reader: ShellReader): ShellCommand {
  const at = reader.pos
  const value = readValue(reader)
  if (value.kind !== 'object' || value.entries.length === 0) throw reader.fail('Expected a command document', at)
  const [[op, target], ...options] = value.entries as [[string, ShellValue], ...[string, ShellValue][]]
  const collection = stringArg(reader, target, `the collection of "${op.slice(0, 40)}"`, at)
  const field = (name: string) => options.find(([key]) => key === name)?.[1]
  const known = (names: string[]) => {
    const unknown = options.find(([key]) => !names.includes(key))
    if (unknown) throw reader.fail(`Unknown field "${unknown[0].slice(0, 40)}" in the ${op} command`, at)
  }
  if (op === 'find') {
    known(['filter', 'projection', 'sort', 'skip', 'limit', 'hint', 'maxTimeMS'])
    const number = (name: string) => {
      const v = field(name)
      return v ? count(reader, v, name, at) : null
    }
    return {
      op: 'find',
      collection,
      filter: documentArg(reader, field('filter'), 'the filter', at),
      projection: documentArg(reader, field('projection'), 'the projection', at),
      sort: documentArg(reader, field('sort'), 'the sort', at),
      hint: field('hint') ?? null,
      skip: number('skip'),
      limit: number('limit'),
      maxTimeMS: number('maxTimeMS'),
    }
  }
  if (op === 'aggregate') {
    known(['pipeline', 'maxTimeMS', 'cursor'])
    const pipeline = field('pipeline')
    if (pipeline?.kind !== 'array') throw reader.fail('The aggregate command needs a pipeline array', at)
    const maxTime = field('maxTimeMS')
    return {
      op: 'aggregate',
      collection,
      pipeline,
      maxTimeMS: maxTime ? count(reader, maxTime, 'maxTimeMS', at) : null,
    }
  }
  throw reader.fail(`Unsupported command "${op.slice(0, 40)}": use find or aggregate`, at)
}

function documentArg(reader: ShellReader, value: ShellValue | undefined, what: string, at: number): ShellValue | null {
  if (value === undefined || value.kind === 'null' || value.kind === 'undefined') return null
  if (value.kind !== 'object') throw reader.fail(`Expected a document { … } for ${what}`, at)
  return value
}

function stringArg(reader: ShellReader, value: ShellValue | undefined, what: string, at = reader.pos): string {
  if (value?.kind !== 'string' || value.value === '') throw reader.fail(`Expected a string for ${what}`, at)
  return value.value
}

function count(reader: ShellReader, value: ShellValue, what: string, at: number): number {
  const n = value.kind === 'number' ? value.value : NaN
  if (!Number.isSafeInteger(n) || n < 0) throw reader.fail(`${what} takes a whole number ≥ 0`, at)
  return n
}
