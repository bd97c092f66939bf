import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import { analyseFile } from '../../src/main/services/import/import-analysis'
import { runImport, type ImportTarget } from '../../src/main/services/import/import-runner'
import type { ImportAnalysis, ImportPlan } from '../../src/shared/contract/import-model'
import { engineOf } from '../../src/shared/engines/engine-list'
import type { TestDatabase } from '../helpers/engine-harness'
import { engines } from './engines'
import { importTarget } from './import-target'

/**
 * Import (issue 17) into every engine that can: a CSV analysed whole, written to a new table and to
 * an existing one, a dry run that leaves nothing, and rejects with their reasons.
 */
const importing = engines.filter((make) => engineOf(make().engine).import && make().engine !== 'mssql')

const CSV =
  '\uFEFFid,name,amount,day,flag,seen\r\n' +
  '1,"Ada, Countess",1.50,2024-01-31,true,2024-01-31T10:00:00Z\r\n' +
  '2,"line\nbreak",,2024-02-29,no,2024-02-01 10:00:00+02:00\r\n' +
  '3,"say ""hi""",22.125,2024-13-01,yes,\\N\r\n' +
  '4,"",-0.5,2024-03-01,false,2024-03-01T00:00:00Z\r\n' +
  // Enough good rows that one bad date is a problem of a date column, not a text column.
  Array.from(
    { length: 10 },
    (_, i) => `${i + 5},n${i + 5},${i}.25,2024-04-${10 + i},true,2024-04-01T00:00:00Z\r\n`,
  ).join('')

describe.each(importing.map((make) => [make().engine, make] as const))('%s: import', (engine, make) => {
  const harness = make()
  const descriptor = engineOf(engine)
  let db: TestDatabase
  let connection: DriverConnection
  let dir: string
  let file: string
  let analysis: ImportAnalysis
  let target: ImportTarget
  const schema = (): string | null => (descriptor.capabilities.schemas ? db.schema : null)
  const count = async (table: string): Promise<number> =>
    Number((await connection.execute(`SELECT COUNT(*) FROM ${target.quote(table)}`)).rows[0]![0])
  const tableExists = async (table: string): Promise<boolean> =>
    (await connection.tables(db.name, db.schema)).some((t) => t.name === table)
  const plan = (table: string, overrides: Partial<ImportPlan> = {}): ImportPlan => ({
    source: { file, format: 'delimited', delimiter: null, nullMarkers: ['', 'NULL', '\\N'] },
    database: db.options.database,
    schema: schema(),
    table,
    createTable: true,
    columns: analysis.columns.map((c, i) => ({
      source: i,
      target: c.name,
      kind: c.kind,
      format: c.format,
      type: c.proposedType,
    })),
    dryRun: false,
    onError: 'skip',
    ...overrides,
  })

  beforeAll(async () => {
    db = await harness.createDatabase('import', [
      'CREATE TABLE existing (id INTEGER, name VARCHAR(100), note VARCHAR(20))',
    ])
    connection = await harness.driver().connect(db.options)
    target = importTarget(harness, connection)
    dir = await mkdtemp(join(tmpdir(), 'quarry-import-'))
    file = join(dir, 'people.csv')
    await writeFile(file, CSV)
    analysis = await analyseFile(
      { file, format: 'delimited', delimiter: null, nullMarkers: ['', 'NULL', '\\N'] },
      descriptor.import!,
    )
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
    await rm(dir, { recursive: true, force: true })
  })

  it('analyses every value: kinds, decimals, dates with a bad one as a problem', () => {
    const kinds = Object.fromEntries(analysis.columns.map((c) => [c.name, c.kind]))
    expect(kinds).toEqual({
      id: 'smallint',
      name: 'text',
      amount: 'decimal',
      day: 'date',
      flag: 'boolean',
      seen: 'timestamptz',
    })
    expect(analysis.rows).toBe(14)
    expect(analysis.columns[2]).toMatchObject({ precision: 5, scale: 3, nulls: 1 })
    expect(analysis.columns[3]).toMatchObject({ problems: 1, examples: [{ row: 3, value: '2024-13-01' }] })
  })

  it('a dry run writes everything, then leaves nothing behind', async () => {
    const result = await runImport(target, plan('dry', { dryRun: true }), { rejectsPath: join(dir, 'dry-rejects.csv') })
    expect(result).toMatchObject({ rowsWritten: 13, rejected: 1, dryRun: true, stoppedAt: null })
    expect(await tableExists('dry')).toBe(false)
  })

  it('writes a new table, values exact, the bad row in the rejects file with its reason', async () => {
    const rejectsPath = join(dir, 'rejects.csv')
    const result = await runImport(target, plan('people'), { rejectsPath })
    expect(result).toMatchObject({ rowsWritten: 13, rejected: 1, rejectsFile: rejectsPath })
    expect(await readFile(rejectsPath, 'utf8')).toContain(',3,"day: not a date in YYYY-MM-DD: ""2024-13-01"""')
    const { rows } = await connection.execute(
      `SELECT ${target.quote('name')}, ${target.quote('amount')} FROM ${target.quote('people')} ORDER BY ${target.quote('id')}`,
    )
    expect(rows.slice(0, 3).map((r) => r[0])).toEqual(['Ada, Countess', 'line\nbreak', ''])
    expect(rows[1]![1]).toBeNull()
  })

  it('"stop at first error" rolls everything back and says where', async () => {
    const result = await runImport(target, plan('stopped', { onError: 'stop' }), { rejectsPath: join(dir, 'r2.csv') })
    expect(result).toMatchObject({ rowsWritten: 0, stoppedAt: { row: 3 } })
    expect(await tableExists('stopped')).toBe(false)
  })

  it('maps file columns to an existing table by name, leaving the others to the server', async () => {
    const columns = [
      { source: 0, target: 'id', kind: 'smallint', format: null, type: 'x' },
      { source: 1, target: 'name', kind: 'text', format: null, type: 'x' },
    ] as const
    const result = await runImport(target, plan('existing', { createTable: false, columns: [...columns] }), {
      rejectsPath: join(dir, 'r3.csv'),
    })
    expect(result).toMatchObject({ rowsWritten: 14, rejected: 0, rejectsFile: null })
    expect(await count('existing')).toBe(14)
  })

  it('server-side failures are rejected row by row where the engine has savepoints', async () => {
    await connection.execute('CREATE TABLE narrow (id INTEGER PRIMARY KEY, name VARCHAR(100))')
    await connection.execute("INSERT INTO narrow (id, name) VALUES (2, 'taken')")
    const columns = [
      { source: 0, target: 'id', kind: 'smallint', format: null, type: 'x' },
      { source: 1, target: 'name', kind: 'text', format: null, type: 'x' },
    ] as const
    const result = await runImport(target, plan('narrow', { createTable: false, columns: [...columns] }), {
      rejectsPath: join(dir, 'r4.csv'),
    })
    if (descriptor.import!.savepoints) {
      expect(result).toMatchObject({ rowsWritten: 13, rejected: 1, stoppedAt: null })
      expect(await count('narrow')).toBe(14)
    } else {
      expect(result.stoppedAt).not.toBeNull()
      expect(await count('narrow')).toBe(1)
    }
  })

  it('round-trips exact values through the bulk path: int64 edges, decimals, NULL vs empty, escapes, unicode', async () => {
    const texts = [
      'tab\there, back\\slash and \\N and \\.',
      'multi\nline "quoted", comma',
      '',
      null,
      'Zoë — 東京 🚀',
      '\\.',
      'a\r\nb\rc',
    ]
    const ids = ['-9223372036854775808', '9223372036854775807', '0', '1', '2', '3', '4']
    const amounts = ['12345678901234.5678', '-0.0001', '0.5', '', '7', '-12345678901234.5678', '0']
    const field = (v: string | null): string => (v === null ? '' : `"${v.replaceAll('"', '""')}"`)
    const csv = ['id,txt,amount', ...ids.map((id, i) => `${id},${field(texts[i]!)},${amounts[i]}`)].join('\n')
    const exactFile = join(dir, 'exact.csv')
    await writeFile(exactFile, csv)
    const source: ImportPlan['source'] = { file: exactFile, format: 'delimited', delimiter: null, nullMarkers: [''] }
    const exact = await analyseFile(source, descriptor.import!)
    expect(exact.columns.map((c) => c.kind)).toEqual(['bigint', 'text', 'decimal'])
    const result = await runImport(
      target,
      {
        ...plan('exact'),
        source,
        columns: exact.columns.map((c, i) => ({
          source: i,
          target: c.name,
          kind: c.kind,
          format: c.format,
          type: c.proposedType,
        })),
      },
      { rejectsPath: join(dir, 'exact-rejects.csv') },
    )
    expect(result).toMatchObject({ rowsWritten: 7, rejected: 0 })
    const q = target.quote
    const { rows } = await connection.execute(
      `SELECT ${q('id')}, ${q('txt')}, ${q('amount')} FROM ${q('exact')} ORDER BY ${q('id')}`,
    )
    const text = (v: unknown): string | null =>
      v === null ? null : typeof v === 'object' && '$' in v! ? (v as unknown as { v: string }).v : String(v)
    // A decimal's value, whatever trailing zeros the engine's scale adds.
    const decimal = (v: unknown): string | null =>
      text(v)
        ?.replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '') ?? null
    const order = [0, 2, 3, 4, 5, 6, 1] // by id
    expect(rows.map((r) => text(r[0]))).toEqual(order.map((i) => ids[i]))
    expect(rows.map((r) => text(r[1]))).toEqual(order.map((i) => texts[i]))
    expect(rows.map((r) => decimal(r[2]))).toEqual(order.map((i) => (amounts[i] === '' ? null : amounts[i])))
  })

  it('cancel stops the import and leaves no table behind', async () => {
    const lines = ['id,name']
    for (let i = 1; i <= 60_000; i++) lines.push(`${i},name ${i}`)
    const bigFile = join(dir, 'big.csv')
    await writeFile(bigFile, lines.join('\n'))
    const source: ImportPlan['source'] = { file: bigFile, format: 'delimited', delimiter: ',', nullMarkers: [''] }
    const abort = new AbortController()
    const running = runImport(
      target,
      {
        ...plan('cancelled'),
        source,
        columns: [
          { source: 0, target: 'id', kind: 'integer', format: null, type: descriptor.import!.types.integer },
          { source: 1, target: 'name', kind: 'text', format: null, type: descriptor.import!.types.text },
        ],
      },
      { rejectsPath: join(dir, 'cancel-rejects.csv'), signal: abort.signal, onProgress: () => abort.abort() },
    )
    await expect(running).rejects.toMatchObject({ error: { kind: 'cancelled' } })
    expect(await tableExists('cancelled')).toBe(false)
  })
})
