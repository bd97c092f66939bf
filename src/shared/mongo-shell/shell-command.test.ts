import { describe, expect, it } from 'vitest'
import { parseShellScript } from './shell-command'
import { parseShellValue } from './shell-parser'
import { ShellSyntaxError } from './shell-value'

const one = (text: string) => {
  const statements = parseShellScript(text)
  expect(statements).toHaveLength(1)
  return statements[0]!.command
}
const syntaxError = (run: () => unknown): ShellSyntaxError => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ShellSyntaxError)
    return error as ShellSyntaxError
  }
  throw new Error('expected a ShellSyntaxError')
}

describe('shell values', () => {
  it('reads relaxed shell literals: unquoted keys, single quotes, trailing commas, comments', () => {
    expect(parseShellValue("{ a: 1, 'b c': 'x', \"d\": [true, null,], $gt: -2.5e3, /* c */ }")).toEqual({
      kind: 'object',
      entries: [
        ['a', { kind: 'number', value: 1, text: '1' }],
        ['b c', { kind: 'string', value: 'x' }],
        ['d', { kind: 'array', items: [{ kind: 'bool', value: true }, { kind: 'null' }] }],
        ['$gt', { kind: 'number', value: -2500, text: '-2.5e3' }],
      ],
    })
  })

  it('reads constructors, with or without new, and regexes with flags', () => {
    expect(parseShellValue('new Date("2024-01-01")')).toMatchObject({ kind: 'call', name: 'Date' })
    expect(parseShellValue('ObjectId("65a0c0ffee0000000000abcd")')).toMatchObject({
      kind: 'call',
      name: 'ObjectId',
      args: [{ kind: 'string', value: '65a0c0ffee0000000000abcd' }],
    })
    expect(parseShellValue('/a\\/b[/]c/im')).toEqual({ kind: 'regex', pattern: 'a\\/b[/]c', flags: 'im' })
    expect(parseShellValue('Binary.createFromHexString("00ff", 0)')).toMatchObject({
      name: 'Binary.createFromHexString',
    })
  })

  it('keeps __proto__ as a plain key', () => {
    expect(parseShellValue('{ __proto__: 1 }')).toMatchObject({ entries: [['__proto__', { value: 1 }]] })
  })

  it.each([
    ['{ a: 1', 'Expected "," or "}"', 7],
    ['{ a: process.exit(1) }', 'Unknown name "process.exit"', 6],
    ['{ a: function () {} }', 'Unknown name "function"', 6],
    ["{ a: 'open }", 'Unterminated string', 6],
    ['{ a: 1 } junk', 'Unexpected "junk"', 10],
    ['/x/g', 'Bad regular expression flags', 4],
    ['{ a: 0x }', 'Bad number', 6],
    ['{ a: `tpl` }', 'Expected a value', 6],
  ])('refuses %j with a positioned error', (text, message, position) => {
    const error = syntaxError(() => parseShellValue(text))
    expect(error.message).toContain(message)
    expect(error.position).toBe(position)
  })

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const error = syntaxError(() => parseShellValue('['.repeat(100_000)))
    expect(error.message).toMatch(/Nested more than 100 levels/)
  })
})

describe('shell commands', () => {
  it('reads find with projection, sort, skip and limit', () => {
    expect(one('db.orders.find({ status: "A" }, { _id: 0 }).sort({ at: -1 }).skip(5).limit(10)')).toMatchObject({
      op: 'find',
      collection: 'orders',
      filter: { entries: [['status', { value: 'A' }]] },
      projection: { entries: [['_id', { value: 0 }]] },
      sort: { entries: [['at', { value: -1 }]] },
      skip: 5,
      limit: 10,
    })
  })

  it('reads collection names with dots, getCollection and brackets', () => {
    expect(one('db.system.views.find()')).toMatchObject({ op: 'find', collection: 'system.views' })
    expect(one('db.getCollection("my-coll").find({})')).toMatchObject({ collection: 'my-coll' })
    expect(one("db['odd name'].countDocuments({ a: 1 })")).toMatchObject({
      op: 'countDocuments',
      collection: 'odd name',
    })
  })

  it('reads aggregate, distinct, findOne, estimatedDocumentCount and command documents', () => {
    expect(one('db.o.aggregate([{ $match: {} }, { $count: "n" },])')).toMatchObject({
      op: 'aggregate',
      pipeline: { kind: 'array', items: [{ kind: 'object' }, { kind: 'object' }] },
    })
    expect(one('db.o.distinct("city", { a: 1 })')).toMatchObject({ op: 'distinct', field: 'city' })
    expect(one('db.o.findOne({})')).toMatchObject({ op: 'find', limit: 1 })
    expect(one('db.o.estimatedDocumentCount()')).toMatchObject({ op: 'estimatedDocumentCount' })
    expect(one('{ find: "o", filter: { a: 1 }, limit: 3 }')).toMatchObject({ op: 'find', collection: 'o', limit: 3 })
    expect(one('{ aggregate: "o", pipeline: [] }')).toMatchObject({ op: 'aggregate', collection: 'o' })
  })

  it('splits a script on semicolons and new lines, keeping each command’s offset and text', () => {
    const script = 'db.a.find()\n  db.b.find({x: ";"}) ;; db.c.countDocuments()'
    const statements = parseShellScript(script)
    expect(statements.map((s) => s.sql)).toEqual(['db.a.find()', 'db.b.find({x: ";"})', 'db.c.countDocuments()'])
    for (const s of statements) expect(script.slice(s.offset, s.offset + s.sql.length)).toBe(s.sql)
    expect(parseShellScript('  // nothing\n ; ')).toEqual([])
  })

  it.each([
    ['SELECT * FROM t', 'Expected a command such as db.collection.find', 1],
    ['db.o.drop()', 'Unsupported method "drop"', 6],
    ['db.o.insertOne({})', 'Unsupported method "insertOne"', 6],
    ['db.o.find().forEach(printjson)', 'Unknown name "printjson"', 21],
    ['db.o.find().limit(-1)', 'limit takes a whole number', 13],
    ['db.o.find("x")', 'Expected a document', 6],
    ['db.o.aggregate({})', 'pipeline as an array', 6],
    ['db.a.find() db.b.find()', 'Expected ";" or a new line', 13],
    ['db.o.count().sort({})', 'cannot follow countDocuments', 14],
    ['{ drop: "o" }', 'Unsupported command "drop"', 1],
    ['db.find()', 'Expected db.<collection>.find', 4],
  ])('refuses %j: %s at %d', (text, message, position) => {
    const error = syntaxError(() => parseShellScript(text))
    expect(error.message).toContain(message)
    expect(error.position).toBe(position)
  })

  it('never throws anything but a ShellSyntaxError on random input', () => {
    let seed = 7
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const alphabet = 'db.o.find({a:1,"b":[/x/i,ObjectId("")]}) ;\n\'`$\\'
    for (let round = 0; round < 2_000; round++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 40) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('')
      try {
        parseShellScript(text)
      } catch (error) {
        if (!(error instanceof ShellSyntaxError)) throw new Error(`${String(error)} for ${JSON.stringify(text)}`)
        expect(error.position).toBeGreaterThanOrEqual(1)
        expect(error.position).toBeLessThanOrEqual(text.length + 1)
      }
    }
  })
})

describe('database-level aggregate', () => {
  it('reads db.aggregate([…]) as a pipeline on the database (no collection)', () => {
    expect(parseShellScript('db.aggregate([{ $documents: [{ one: 1 }] }])')[0]!.command).toMatchObject({
      op: 'aggregate',
      collection: '',
    })
  })
})
