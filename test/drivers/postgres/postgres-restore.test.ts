import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../../src/main/drivers/driver'
import { splitStatements } from '../../../src/shared/dialect/split-statements'
import type { TestDatabase } from '../../helpers/engine-harness'
import { adminClient, postgresHarness, postgresUrl } from '../../helpers/postgres-harness'
import { findPostgresBinaries } from '../../helpers/postgres-server'
import { collect, failureOf } from '../../helpers/streams'

const run = promisify(execFile)

/** pg_dump beside the server binaries the setup starts (Debian's /usr/lib/postgresql/<major>/bin). */
const pgDump = (): string | null => {
  const bin = findPostgresBinaries()
  return bin ? join(bin, 'pg_dump') : null
}

const SOURCE = [
  'CREATE SEQUENCE ticket START 100',
  "CREATE TABLE items (id serial PRIMARY KEY, name text, price numeric(10, 2), ticket int DEFAULT nextval('ticket'))",
  'CREATE TABLE audit (item int, note text)',
  `CREATE FUNCTION log_item() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN INSERT INTO audit VALUES (NEW.id, 'added; ' || NEW.name); RETURN NEW; END $$`,
  'CREATE TRIGGER items_log AFTER INSERT ON items FOR EACH ROW EXECUTE FUNCTION log_item()',
  'CREATE FUNCTION plus_one(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; END',
  'CREATE VIEW dear AS SELECT name, price FROM items WHERE price > 10',
  'CREATE RULE audit_notify AS ON DELETE TO audit DO ALSO (INSERT INTO audit VALUES (0, OLD.note); NOTIFY audit)',
  // Text COPY must carry tabs, new lines, backslashes, `\.` lines, semicolons, NULL and any script.
  `INSERT INTO items (name, price) VALUES ('tab\there', 5), (E'line\\nbreak\\\\.', 12.5), ('it''s; DROP TABLE items;', 20),
   (NULL, 30), ('\\.', 1), ('名前 ünïcode', 99.99)`,
]

/** What must survive the round trip: rows of every table, triggers, views, rules, sequence, functions. */
const SNAPSHOT = [
  'SELECT id, name, price::text, ticket FROM items ORDER BY id',
  'SELECT item, note FROM audit ORDER BY item, note',
  'SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1',
  "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1",
  "SELECT rulename, definition FROM pg_rules WHERE schemaname = 'public' ORDER BY 1",
  'SELECT last_value FROM ticket',
  'SELECT last_value FROM items_id_seq',
  'SELECT plus_one(41)',
]

async function snapshot(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = []
  for (const query of SNAPSHOT) out.push((await client.query({ text: query, rowMode: 'array' })).rows)
  return out
}

describe.skipIf(!postgresUrl() || !pgDump())('postgres: a pg_dump file restores through a Script run', () => {
  const harness = postgresHarness()
  let source: TestDatabase
  let target: TestDatabase
  let connection: DriverConnection
  let dump = ''

  beforeAll(async () => {
    source = await harness.createDatabase('restore_src', SOURCE)
    target = await harness.createDatabase('restore_dst', [])
    const { host = '127.0.0.1', port, user = '', password = '' } = source.options
    const result = await run(
      pgDump()!,
      ['--no-owner', '--no-privileges', '-h', host, '-p', String(port), '-U', user, source.name],
      {
        env: { ...process.env, PGPASSWORD: password },
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    dump = result.stdout
    connection = await harness.driver().connect(target.options)
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
  })

  it('holds what the splitter must handle: COPY data, BEGIN ATOMIC, a rule with ( ; )', () => {
    expect(dump).toMatch(/^COPY public\.items .* FROM stdin;$/m)
    expect(dump).toMatch(/BEGIN ATOMIC/)
    const statements = splitStatements(dump, 'postgres')
    expect(statements.filter((s) => s.copyData !== undefined).map((s) => s.sql)).toEqual([
      expect.stringMatching(/\nCOPY public\.audit /),
      expect.stringMatching(/\nCOPY public\.items /),
    ])
    expect(statements.some((s) => s.clientCommand !== undefined)).toBe(false)
  })

  it('restores tables, rows, triggers, views, rules, sequences and functions', async () => {
    await collect(connection.stream(dump, { queryId: 'restore', batchSize: 100 }))
    const before = await adminClient(source.options)
    const after = await adminClient(target.options)
    try {
      const expected = await snapshot(before)
      expect(expected[0]).toHaveLength(6)
      expect(await snapshot(after)).toEqual(expected)
      // The trigger came back working.
      await after.query("INSERT INTO items (name, price) VALUES ('new', 1)")
      expect((await after.query('SELECT count(*)::int AS n FROM audit')).rows[0]).toEqual({ n: 7 })
    } finally {
      await before.end()
      await after.end()
    }
  })

  it('reports the COPY row count, and goes on with the statement after the data', async () => {
    const script =
      'CREATE TABLE copied (a int, b text);\nCOPY copied FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nSELECT count(*) FROM copied;'
    const items: string[] = []
    let affected: (number | null)[] = []
    for await (const item of connection.stream(script, { queryId: 'copy', batchSize: 10 })) {
      items.push(item.kind)
      if (item.kind === 'summary') affected = [...affected, item.affectedRows]
    }
    expect(affected).toEqual([0, 2, null])
    const result = await connection.execute('SELECT a, b FROM copied ORDER BY a')
    expect(result.rows).toEqual([
      [1, 'x;y'],
      [2, null],
    ])
  })

  it('stops a COPY when cancelled (CopyFail: nothing is copied), and the connection goes on', async () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => `${i}\trow ${i}`).join('\n')
    const script = `CREATE TABLE big (a int, b text);\nCOPY big FROM stdin;\n${rows}\n\\.\n`
    const controller = new AbortController()
    const stream = connection.stream(script, { queryId: 'big-copy', batchSize: 10, signal: controller.signal })
    const items = stream[Symbol.asyncIterator]()
    for (;;) {
      const { value } = await items.next()
      if (value?.kind === 'statement' && value.index === 1) break
    }
    // Aborted as the COPY starts, before its data is on the way: the copy fails and rolls back.
    const copying = items.next()
    controller.abort()
    await failureOf(copying, 'cancelled')
    expect((await connection.execute('SELECT count(*)::int FROM big')).rows).toEqual([[0]])
  })
})
