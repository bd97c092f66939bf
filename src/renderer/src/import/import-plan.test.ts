import { describe, expect, it } from 'vitest'
import type { ColumnInfo, ColumnProfile, ImportAnalysis } from '../../../shared/contract'
import { POSTGRES } from '../../../shared/engines/postgres'
import { buildPlan, formatOptions, initialChoices, tableNameOf, withKind } from './import-plan'

const profile = (name: string, patch: Partial<ColumnProfile> = {}): ColumnProfile => ({
  name,
  kind: 'integer',
  format: null,
  alternatives: [],
  precision: 0,
  scale: 0,
  maxLength: 3,
  nulls: 0,
  problems: 0,
  examples: [],
  proposedType: 'integer',
  ...patch,
})
const analysis: ImportAnalysis = {
  file: '/tmp/x.csv',
  format: 'delimited',
  delimiter: ',',
  rows: 3,
  bytes: 30,
  ragged: 0,
  elapsedMs: 1,
  columns: [
    profile('ID'),
    profile('day', { kind: 'date', format: 'DD/MM/YYYY', alternatives: ['MM/DD/YYYY'], proposedType: 'date' }),
    profile('note', { kind: 'text', proposedType: 'text' }),
  ],
}
const column = (name: string, patch: Partial<ColumnInfo> = {}): ColumnInfo => ({
  name,
  dataType: 'text',
  nullable: true,
  defaultValue: null,
  primaryKeyPosition: null,
  unique: false,
  autoIncrement: false,
  comment: null,
  ...patch,
})
const source = { file: '/tmp/x.csv', format: 'delimited' as const, delimiter: null, nullMarkers: [''] }

describe('import plan', () => {
  it('names a new table after the file (an upload’s prefix dropped)', () => {
    expect(tableNameOf('/data/Sales 2024.csv')).toBe('sales_2024')
    expect(tableNameOf('/q/import-uploads/4242-AbCdEfGhIjKl-people.xlsx')).toBe('people')
    expect(tableNameOf('.csv')).toBe('imported')
  })

  it('maps file columns to an existing table by name, leaving identity columns to the server', () => {
    const target = {
      mode: 'existing' as const,
      table: 't',
      columns: [column('id', { autoIncrement: true }), column('Day', { dataType: 'date' }), column('other')],
    }
    expect(initialChoices(analysis, target).map((c) => [c.target, c.type])).toEqual([
      ['', 'integer'],
      ['Day', 'date'],
      ['', 'text'],
    ])
  })

  it('builds the plan from the choices, skipping unmapped columns and refusing duplicates', () => {
    const target = { mode: 'new' as const, table: ' people ' }
    const choices = initialChoices(analysis, target)
    const built = buildPlan({ source, schema: 'public', target, choices, dryRun: true, onError: 'skip' })
    expect(built).toMatchObject({
      plan: { table: 'people', createTable: true, dryRun: true, onError: 'skip', schema: 'public' },
    })
    const plan = 'plan' in built ? built.plan : null
    expect(plan?.columns.map((c) => [c.source, c.target, c.format])).toEqual([
      [0, 'ID', null],
      [1, 'day', 'DD/MM/YYYY'],
      [2, 'note', null],
    ])
    const skipFirst = [{ ...choices[0]!, target: '' }, choices[1]!, choices[2]!]
    const withoutId = buildPlan({ source, schema: null, target, choices: skipFirst, dryRun: false, onError: 'stop' })
    expect('plan' in withoutId && withoutId.plan.columns.map((c) => c.source)).toEqual([1, 2])
    const twice = [choices[0]!, { ...choices[1]!, target: 'id' }, choices[2]!]
    expect(buildPlan({ source, schema: null, target, choices: twice, dryRun: false, onError: 'stop' })).toEqual({
      problem: 'Two file columns go to id',
    })
    expect(
      buildPlan({ source, schema: null, target: { mode: 'new', table: '' }, choices, dryRun: false, onError: 'stop' }),
    ).toEqual({
      problem: 'Name the table',
    })
  })

  it('offers the found format first, then the other fits, then every date order', () => {
    expect(formatOptions('DD/MM/YYYY HH:mm:ss', ['MM/DD/YYYY HH:mm:ss'])).toEqual([
      'DD/MM/YYYY HH:mm:ss',
      'MM/DD/YYYY HH:mm:ss',
      'YYYY-MM-DD HH:mm:ss',
      'YYYY/MM/DD HH:mm:ss',
      'DD.MM.YYYY HH:mm:ss',
    ])
  })

  it('a kind changed by hand brings the engine’s type for it', () => {
    const [id, day] = initialChoices(analysis, { mode: 'new', table: 't' })
    expect(withKind(id!, 'text', POSTGRES.import, analysis.columns[0]!)).toMatchObject({ kind: 'text', type: 'text' })
    expect(withKind(day!, 'text', POSTGRES.import, analysis.columns[1]!)).toMatchObject({ format: null })
  })
})
