import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverConnection } from '../../src/main/drivers/driver'
import { analyseFile } from '../../src/main/services/import/import-analysis'
import { runImport, type ImportTarget } from '../../src/main/services/import/import-runner'
import type { ImportAnalysis, ImportPlan, ImportSource } from '../../src/shared/contract/import-model'
import { engineOf } from '../../src/shared/engines/engine-list'
import type { TestDatabase } from '../helpers/engine-harness'
import { engines } from './engines'
import { importTarget } from './import-target'

/**
 * The direct load (issue 17): where the engine reads the import's file itself, the table is the
 * one the row path makes, cell by cell, on a file with every CSV trap; a load that fails half-way
 * is undone and the rows are sent instead, each refused row with its reason.
 */
const direct = engines.filter((make) => engineOf(make().engine).import?.direct)

const MIB = 'é'.repeat(512 * 1024) + 'x'.repeat(10) // 1 MiB of UTF-8 and a bit
const field = (v: string): string => `"${v.replaceAll('"', '""')}"`
// id, txt, amount, day, at, flag: CRLF line ends, a BOM, NULL as an empty unquoted field.
const ROWS: string[][] = [
  [
    '-9223372036854775808',
    field('comma, "quoted" and\r\nCRLF'),
    '12345678901234567890.123456789012',
    '2024-02-29',
    '2024-01-31 10:00:00+02:00',
    'true',
  ],
  ['9223372036854775807', field(''), '', '', '', ''],
  ['0', '', '-0.000000000000000001', '1999-12-31', '2024-06-01 00:00:00.123456+00:00', 'false'],
  ['1', field('NULL'), '7', '2000-01-01', '2024-06-01 23:59:59-05:30', 'true'],
  ['2', 'Zoë — 東京 🚀 \\N \\. tab\there', '0.5', '2024-03-01', '2024-03-01 12:00:00+00:00', 'false'],
  [
    '3',
    field('line\nfeed and\rCR'),
    '-12345678901234567890.123456789012',
    '2024-03-02',
    '2024-03-02 12:00:00+00:00',
    'true',
  ],
  ['4', field(MIB), '1', '2024-03-03', '2024-03-03 12:00:00+00:00', 'true'],
]
const CSV = '\uFEFFid,txt,amount,day,at,flag\r\n' + ROWS.map((r) => r.join(',')).join('\r\n') + '\r\n'

describe.each(direct.map((make) => [make().engine, make] as const))('%s: direct import', (engine, make) => {
  const harness = make()
  const descriptor = engineOf(engine)
  let db: TestDatabase
  let connection: DriverConnection
  let dir: string
  let target: ImportTarget
  const q = (name: string): string => target.quote(name)
  const schema = (): string | null => (descriptor.capabilities.schemas ? db.schema : null)
  const planFor = (analysis: ImportAnalysis, source: ImportSource, table: string, createTable = true): ImportPlan => ({
    source,
    database: db.options.database,
    schema: schema(),
    table,
    createTable,
    columns: analysis.columns.map((c, i) => ({
      source: i,
      target: c.name,
      kind: c.kind,
      format: c.format,
      type: c.proposedType,
    })),
    dryRun: false,
    onError: 'skip',
  })
  const fileOf = async (name: string, text: string): Promise<ImportSource> => {
    const file = join(dir, name)
    await writeFile(file, text)
    return { file, format: 'delimited', delimiter: ',', nullMarkers: ['', 'NULL', '\\N'] }
  }
  /** Every cell as text (NULL as null), ordered by id. */
  const cells = async (table: string, columns: string[]): Promise<(string | null)[][]> => {
    const list = columns.map((c) => `CAST(${q(c)} AS ${descriptor.import!.types.text})`).join(', ')
    const { rows } = await connection.execute(`SELECT ${list} FROM ${q(table)} ORDER BY ${q('id')}`)
    return rows.map((r) => r.map((v) => (v === null ? null : String(v))))
  }

  beforeAll(async () => {
    db = await harness.createDatabase('import_direct', [
      'CREATE TABLE narrow (id INTEGER, name VARCHAR(100) CHECK (length(name) <= 5))',
    ])
    connection = await harness.driver().connect(db.options)
    target = importTarget(harness, connection)
    dir = await mkdtemp(join(tmpdir(), 'quarry-import-direct-'))
  })
  afterAll(async () => {
    await connection?.close()
    await harness.cleanup()
    await rm(dir, { recursive: true, force: true })
  })

  it('loads the file itself, and the table is the row path’s cell by cell', async () => {
    const source = await fileOf('tricky.csv', CSV)
    const analysis = await analyseFile(source, descriptor.import!)
    expect(analysis.columns.map((c) => c.kind)).toEqual(['bigint', 'text', 'decimal', 'date', 'timestamptz', 'boolean'])
    const byFile = await runImport(target, planFor(analysis, source, 'by_file'), {
      rejectsPath: join(dir, 'file-rejects.csv'),
      analysis,
    })
    expect(byFile).toMatchObject({ path: 'file', fileLoadError: null, rowsWritten: ROWS.length, rejected: 0 })
    const byRows = await runImport(target, planFor(analysis, source, 'by_rows'), {
      rejectsPath: join(dir, 'rows-rejects.csv'),
      analysis,
      rowsOnly: true,
    })
    expect(byRows.stoppedAt?.reason.slice(0, 300) ?? null).toBeNull()
    expect(byRows).toMatchObject({ path: 'rows', rowsWritten: ROWS.length, rejected: 0 })
    const names = analysis.columns.map((c) => c.name)
    const [fromFile, fromRows] = [await cells('by_file', names), await cells('by_rows', names)]
    expect(fromFile).toEqual(fromRows)
    // And the row path's values are the file's: NULL vs "" vs "NULL", the 1 MiB value, int64 edges.
    // Ordered by id: the rows' values are the file's (NULL vs "" vs "NULL", the 1 MiB value, int64 edges).
    const byId = [0, 2, 3, 4, 5, 6, 1]
    const unquote = (v: string): string | null =>
      v === '' ? null : v.startsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v
    const same = fromFile.map((r, i) => r[0] === ROWS[byId[i]!]![0] && r[1] === unquote(ROWS[byId[i]!]![1]!))
    expect(same).toEqual(byId.map(() => true))
    expect(fromFile[6]!.slice(2)).toEqual([null, null, null, null])
  })

  it('a load that fails half-way is undone; the rows are sent, the refused one with its reason', async () => {
    const lines = ['id,name', ...Array.from({ length: 600 }, (_, i) => `${i + 1},${i === 300 ? 'toolong' : 'ok'}`)]
    const source = await fileOf('narrow.csv', lines.join('\n') + '\n')
    const analysis = await analyseFile(source, descriptor.import!)
    const rejectsPath = join(dir, 'narrow-rejects.csv')
    const result = await runImport(target, planFor(analysis, source, 'narrow', false), { rejectsPath, analysis })
    expect(result.path).toBe('rows')
    expect(result.fileLoadError).toBeTruthy()
    const { rows } = await connection.execute(`SELECT COUNT(*) FROM ${q('narrow')}`)
    if (descriptor.import!.savepoints) {
      expect(result).toMatchObject({ rowsWritten: 599, rejected: 1, stoppedAt: null })
      expect(Number(rows[0]![0])).toBe(599)
      expect(await readFile(rejectsPath, 'utf8')).toMatch(/301,toolong,301,.*(check|constraint)/i)
    } else {
      // Without savepoints a refused batch stops the run, with the reason: nothing is written.
      expect(result.stoppedAt?.reason).toMatch(/check|constraint/i)
      expect(Number(rows[0]![0])).toBe(0)
    }
  })

  it('a dry run of a direct load leaves nothing behind', async () => {
    const source = await fileOf('dry.csv', CSV)
    const analysis = await analyseFile(source, descriptor.import!)
    const result = await runImport(
      target,
      { ...planFor(analysis, source, 'dry_direct'), dryRun: true },
      {
        rejectsPath: join(dir, 'dry-rejects.csv'),
        analysis,
      },
    )
    expect(result).toMatchObject({ path: 'file', rowsWritten: ROWS.length, dryRun: true })
    expect((await connection.tables(db.name, db.schema)).some((t) => t.name === 'dry_direct')).toBe(false)
  })

  it('cancel stops the load in the engine and leaves no table behind', async () => {
    const lines = ['id,name', ...Array.from({ length: 400_000 }, (_, i) => `${i + 1},name ${i + 1}`)]
    const source = await fileOf('big.csv', lines.join('\n') + '\n')
    const analysis = await analyseFile(source, descriptor.import!)
    const abort = new AbortController()
    const running = runImport(target, planFor(analysis, source, 'cancelled'), {
      rejectsPath: join(dir, 'cancel-rejects.csv'),
      analysis,
      signal: abort.signal,
      onProgress: () => abort.abort(), // the load's first progress: the engine is reading
    })
    await expect(running).rejects.toMatchObject({ error: { kind: 'cancelled' } })
    expect((await connection.tables(db.name, db.schema)).some((t) => t.name === 'cancelled')).toBe(false)
  })
})
