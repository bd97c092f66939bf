import { describe, expect, it } from 'vitest'
import type { ColumnProfile, ImportAnalysis, ImportPlan } from '../../../shared/contract/import-model'
import { DUCKDB } from '../../../shared/engines/duckdb'
import { MYSQL } from '../../../shared/engines/mysql'
import { POSTGRES } from '../../../shared/engines/postgres'
import { SQLITE } from '../../../shared/engines/sqlite'
import type { ImportFacts } from '../../../shared/engines/engine-descriptor'
import { directDecision } from './import-direct'

const facts: ImportFacts = POSTGRES.import!
const column = (name: string, kind: ColumnProfile['kind'], format: string | null = null): ColumnProfile => ({
  name,
  kind,
  format,
  alternatives: [],
  precision: 10,
  scale: 2,
  maxLength: 20,
  nulls: 0,
  problems: 0,
  examples: [],
  proposedType: 'text',
})
const VERBATIM = { integers: true, numbers: true, dates: true, timestamps: true, booleans: ['true', 'false'] }

function analysis(overrides: Partial<ImportAnalysis> = {}): ImportAnalysis {
  const columns = [
    column('id', 'bigint'),
    column('name', 'text'),
    column('amount', 'decimal'),
    column('day', 'date', 'YYYY-MM-DD'),
    column('at', 'timestamptz', 'YYYY-MM-DD HH:mm:ss Z'),
    column('ok', 'boolean'),
  ]
  return {
    file: '/data/f.csv',
    format: 'delimited',
    delimiter: ',',
    rows: 1000,
    bytes: 50_000,
    ragged: 0,
    elapsedMs: 1,
    columns,
    verbatim: { nullMarkers: [''], strayQuotes: 0, columns: columns.map(() => ({ ...VERBATIM })) },
    ...overrides,
  }
}

function planOf(a: ImportAnalysis, overrides: Partial<ImportPlan> = {}): ImportPlan {
  return {
    source: { file: a.file, format: 'delimited', delimiter: null, nullMarkers: ['', 'NULL', '\\N'] },
    schema: 'public',
    table: 't',
    createTable: true,
    columns: a.columns.map((c, i) => ({ source: i, target: c.name, kind: c.kind, format: c.format, type: 'x' })),
    dryRun: false,
    onError: 'skip',
    ...overrides,
  }
}

const why = (plan: ImportPlan, a: ImportAnalysis, f = facts): string | null => {
  const decision = directDecision(plan, a, f)
  return 'why' in decision ? decision.why : null
}

describe('directDecision', () => {
  it('loads directly a file whose values are written as the import writes them, with its one NULL marker', () => {
    const a = analysis()
    expect(directDecision(planOf(a), a, facts)).toMatchObject({
      load: {
        file: '/data/f.csv',
        delimiter: ',',
        nullMarker: '',
        rows: 1000,
        bytes: 50_000,
        longestLineBytes: 6 * 83 + 2,
      },
    })
    // No marker met: any marker reads nothing as NULL.
    const none = analysis({ verbatim: { ...analysis().verbatim!, nullMarkers: [] } })
    expect(directDecision(planOf(none), none, facts)).toMatchObject({ load: { nullMarker: '' } })
    const word = analysis({ verbatim: { ...analysis().verbatim!, nullMarkers: ['NULL'] } })
    expect(directDecision(planOf(word), word, facts)).toMatchObject({ load: { nullMarker: 'NULL' } })
  })

  it('sends rows where the engine has no loader, or the file was not analysed as it is read', () => {
    const a = analysis()
    expect(why(planOf(a), a, MYSQL.import!)).toMatch(/no loader/)
    expect(why(planOf(a), undefined as unknown as ImportAnalysis)).toMatch(/not an analysed/)
    expect(why(planOf(a, { source: { ...planOf(a).source, format: 'ndjson' } }), a)).toMatch(/not an analysed/)
    expect(why(planOf(a, { source: { ...planOf(a).source, file: '/other.csv' } }), a)).toMatch(/another file/)
    expect(why(planOf(a, { source: { ...planOf(a).source, delimiter: ';' } }), a)).toMatch(/another file/)
    expect(why(planOf(a), analysis({ delimiter: '§' }))).toMatch(/delimiter/)
  })

  it('sends rows for ragged rows, quotes read as text, and columns skipped or reordered', () => {
    const a = analysis()
    expect(why(planOf(a), analysis({ ragged: 1 }))).toMatch(/more or fewer fields/)
    expect(why(planOf(a), analysis({ verbatim: { ...a.verbatim!, strayQuotes: 1 } }))).toMatch(/quotes/)
    const plan = planOf(a)
    expect(why({ ...plan, columns: plan.columns.slice(1) }, a)).toMatch(/in order/)
    expect(why({ ...plan, columns: [plan.columns[1]!, plan.columns[0]!, ...plan.columns.slice(2)] }, a)).toMatch(
      /in order/,
    )
  })

  it('sends rows when any value would be written otherwise than the file has it', () => {
    const a = analysis()
    const flag = (i: number, change: Partial<typeof VERBATIM>): ImportAnalysis => ({
      ...a,
      verbatim: { ...a.verbatim!, columns: a.verbatim!.columns.map((c, j) => (j === i ? { ...c, ...change } : c)) },
    })
    expect(why(planOf(a), flag(0, { integers: false }))).toMatch(/^id: integers/)
    expect(why(planOf(a), flag(2, { numbers: false }))).toMatch(/^amount: numbers/)
    expect(why(planOf(a), flag(3, { dates: false }))).toMatch(/^day: dates/)
    expect(why(planOf(a), flag(4, { timestamps: false }))).toMatch(/^at: timestamps/)
    expect(why(planOf(a), flag(5, { booleans: ['yes', 'no'] }))).toMatch(/^ok: booleans/)
    // An engine that converts offsets to UTC changes every timestamptz.
    expect(why(planOf(a), a, { ...DUCKDB.import!, zoneOffsets: false })).toMatch(/^at: .*UTC/)
    // A problem value is rejected by the import; the engine might take it.
    const problems = { ...a, columns: a.columns.map((c, i) => (i === 0 ? { ...c, problems: 1 } : c)) }
    expect(why(planOf(a), problems)).toMatch(/^id: .*refuses/)
    // A kind or format changed from the analysis's; text is never changed.
    const plan = planOf(a)
    const changed = (i: number, change: Partial<ImportPlan['columns'][number]>): ImportPlan => ({
      ...plan,
      columns: plan.columns.map((c, j) => (j === i ? { ...c, ...change } : c)),
    })
    expect(why(changed(3, { format: 'DD/MM/YYYY' }), a)).toMatch(/^day: its kind or format/)
    expect(why(changed(0, { kind: 'integer' }), a)).toMatch(/^id: its kind or format/)
    expect(why(changed(0, { kind: 'text' }), flag(0, { integers: false }))).toBeNull()
  })

  it('sends rows when more than one NULL marker was met, or none the loader can be told', () => {
    const a = analysis()
    expect(why(planOf(a), analysis({ verbatim: { ...a.verbatim!, nullMarkers: ['', 'NULL'] } }))).toMatch(/NULL/)
    const empty = planOf(a, { source: { ...planOf(a).source, nullMarkers: [] } })
    expect(why(empty, analysis({ verbatim: { ...a.verbatim!, nullMarkers: [] } }))).toMatch(/NULL/)
    expect(why(planOf(a), analysis({ verbatim: { ...a.verbatim!, nullMarkers: ['a,b'] } }))).toMatch(/NULL/)
  })

  it('takes any analysed delimited file where the loader converts with the import’s own code (SQLite’s host)', () => {
    const odd = analysis({
      ragged: 3,
      verbatim: { ...analysis().verbatim!, strayQuotes: 2, nullMarkers: ['', 'NULL'] },
    })
    const plan = planOf(odd)
    const decision = directDecision({ ...plan, columns: plan.columns.slice(1) }, odd, SQLITE.import!)
    // Columns written as the file has them are read as text (nothing to convert); booleans are not (1/0).
    const kinds = plan.columns.slice(1).map((c) => (c.kind === 'boolean' ? c : { ...c, kind: 'text' }))
    expect(decision).toMatchObject({ load: { nullMarkers: ['', 'NULL', '\\N'], columns: kinds } })
    expect(why(planOf(odd, { source: { ...plan.source, format: 'xlsx' } }), odd, SQLITE.import!)).toMatch(/not an/)
  })
})
