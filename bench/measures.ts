import { FIRST_PAGE_ROWS } from '../src/renderer/src/query/table-paging'

/** The engines the bench runs against, in report order. */
export const ENGINES = ['postgres', 'mysql', 'sqlite', 'duckdb'] as const
export type BenchEngine = (typeof ENGINES)[number]
/** Engines in the app's own process tree (no server to ask whether a statement is gone). */
export const EMBEDDED: readonly BenchEngine[] = ['sqlite', 'duckdb']

export type Unit = 'ms' | 'rows/s' | 'B/row' | 'MB' | 'count' | 'rows'

/** A goal from the Goals table: a bound on the value, or on its ratio to the reference. */
export type Goal = { max: number } | { min: number } | { minRatio: number }

/** One figure the bench reports per engine. */
export interface MeasureSpec {
  id: string
  label: string
  unit: Unit
  /** The measure (same engine) this one is divided by, e.g. a rows/s by the raw driver's rows/s. */
  reference?: string
  goal?: (engine: BenchEngine) => Goal | null
}

const RAW = 'raw.rowsPerSec'
const EVENTS_RAW = 'events.raw.rowsPerSec'
const IMPORT_CLI = 'import.cli.rowsPerSec'
const always = (goal: Goal) => (): Goal => goal

/** Every measure, in the order the table prints them. */
export const MEASURES: readonly MeasureSpec[] = [
  { id: RAW, label: 'raw driver stream (reference)', unit: 'rows/s' },
  { id: 'raw.firstRowMs', label: 'raw driver: first row', unit: 'ms' },
  { id: 'rawParsed.rowsPerSec', label: 'raw driver, default type parsing', unit: 'rows/s', reference: RAW },
  { id: 'pipeline.rowsPerSec', label: 'main pipeline (driver → frames)', unit: 'rows/s', reference: RAW },
  { id: 'pipeline.firstBatchMs', label: 'main pipeline: first batch', unit: 'ms' },
  { id: 'pipeline.wireBytesPerRow', label: 'main pipeline: frame bytes per row', unit: 'B/row' },
  { id: 'e2e.firstPaintMs', label: 'Run → first rows painted', unit: 'ms', goal: always({ max: 150 }) },
  { id: 'e2e.allRowsMs', label: 'Run → all rows in the store', unit: 'ms' },
  {
    id: 'e2e.rowsPerSec',
    label: 'Run → all rows, rows/s',
    unit: 'rows/s',
    reference: RAW,
    goal: always({ minRatio: 0.6 }),
  },
  { id: 'e2e.heapBytesPerRow', label: 'renderer heap per row', unit: 'B/row', goal: always({ max: 120 }) },
  { id: 'e2e.mainPeakRssMb', label: 'main process peak RSS', unit: 'MB', goal: always({ max: 150 }) },
  { id: 'e2e.mainPeakRssSmallMb', label: 'main peak RSS, 1/5 of the rows', unit: 'MB', goal: always({ max: 150 }) },
  { id: 'scroll.p95FrameMs', label: 'scrolling while streaming: p95 frame', unit: 'ms', goal: always({ max: 20 }) },
  { id: 'scroll.maxFrameMs', label: 'scrolling while streaming: worst frame', unit: 'ms' },
  { id: 'scroll.longTasks', label: 'scrolling while streaming: long tasks', unit: 'count' },
  {
    id: 'scroll.longestTaskMs',
    label: 'scrolling while streaming: longest task',
    unit: 'ms',
    goal: always({ max: 100 }),
  },
  {
    id: 'cancel.ms',
    label: 'Cancel → statement gone',
    unit: 'ms',
    goal: (engine) => ({ max: EMBEDDED.includes(engine) ? 250 : 100 }),
  },
  // Real rows: the events shape (15 wide, mixed, text-heavy columns), against its own raw read.
  { id: EVENTS_RAW, label: 'events: raw driver stream (reference)', unit: 'rows/s' },
  { id: 'events.pipeline.rowsPerSec', label: 'events: main pipeline', unit: 'rows/s', reference: EVENTS_RAW },
  { id: 'events.pipeline.wireBytesPerRow', label: 'events: frame bytes per row', unit: 'B/row' },
  { id: 'events.e2e.firstPaintMs', label: 'events: Run → first rows painted', unit: 'ms', goal: always({ max: 150 }) },
  {
    id: 'events.e2e.rowsPerSec',
    label: 'events: Run → all rows, rows/s',
    unit: 'rows/s',
    reference: EVENTS_RAW,
    goal: always({ minRatio: 0.6 }),
  },
  {
    id: 'events.e2e.heapBytesPerRow',
    label: 'events: renderer heap per row',
    unit: 'B/row',
    goal: always({ max: 180 }),
  },
  // A table of QUARRY_BENCH_OPEN_ROWS rows (100M by default) opened from the tree.
  { id: 'open.tableRows', label: 'open table: rows in it', unit: 'rows' },
  { id: 'open.generateMs', label: 'open table: generated in', unit: 'ms' },
  { id: 'open.firstPaintMs', label: 'open table: click → first rows painted', unit: 'ms', goal: always({ max: 150 }) },
  {
    id: 'open.rowsRead',
    label: 'open table: rows read by the engine',
    unit: 'rows',
    // The Data view's first page: two screens and a lookahead.
    goal: always({ max: FIRST_PAGE_ROWS }),
  },
  // Compare: the big result pinned against it changed (~1%), diffed on id in the diff worker's code.
  { id: 'diff.ms', label: 'compare 1M × 1M rows: diff on the key', unit: 'ms' },
  { id: 'diff.cpuMs', label: 'compare 1M × 1M rows: CPU time of the diff', unit: 'ms' },
  { id: 'diff.copyMs', label: 'compare: both results packed for the worker', unit: 'ms' },
  { id: 'diff.memoryMb', label: 'compare: memory added by the diff', unit: 'MB' },
  // Import (issue 17): the events rows as CSV, Quarry against the engine's own CLI on the same file.
  { id: 'import.analyseRowsPerSec', label: 'import: analyse the whole CSV', unit: 'rows/s' },
  { id: IMPORT_CLI, label: "import: the engine's CLI (reference)", unit: 'rows/s' },
  { id: 'import.cli.ms', label: "import: the engine's CLI, time", unit: 'ms' },
  {
    id: 'import.rowsPerSec',
    label: 'import: Quarry, new table',
    unit: 'rows/s',
    reference: IMPORT_CLI,
    goal: always({ minRatio: 0.5 }),
  },
  { id: 'import.ms', label: 'import: Quarry, time', unit: 'ms' },
  { id: 'tree.driverTablesMs', label: '10,000 tables: driver tables()', unit: 'ms' },
  { id: 'tree.firstNamesMs', label: '10,000 tables: expand → names painted', unit: 'ms', goal: always({ max: 500 }) },
  // The ER diagram of a 2,000-table, ~3,000-key schema (er-dataset.ts).
  { id: 'er.catalogMs', label: 'ER 2,000 tables: schemaGraph catalog (driver)', unit: 'ms' },
  {
    id: 'er.openInteractiveMs',
    label: 'ER 2,000 tables: open → boxes painted, pan answered',
    unit: 'ms',
    goal: always({ max: 2000 }),
  },
  { id: 'er.panFrameMs', label: 'ER 2,000 tables: pan at first paint → its frame', unit: 'ms' },
  { id: 'er.openLaidMs', label: 'ER 2,000 tables: first open → layout done', unit: 'ms' },
  { id: 'er.reopenLaidMs', label: 'ER 2,000 tables: reopen → layout done (kept)', unit: 'ms' },
  // The first diagram of a connection: the engine's catalog caches cold (DuckDB reads and keeps the
  // whole schema's graph here; MariaDB opens the tables' definitions). Shown beside the goal's measure.
  {
    id: 'er.neighbourFirstMs',
    label: 'ER one table: first diagram on the connection → boxes painted, pan answered',
    unit: 'ms',
  },
  {
    id: 'er.neighbourInteractiveMs',
    label: 'ER one table: open → boxes painted, pan answered',
    unit: 'ms',
    goal: always({ max: 300 }),
  },
  { id: 'er.aroundCatalogMs', label: 'ER one table: schemaGraph around it, catalog (driver)', unit: 'ms' },
  { id: 'er.neighbourLaidMs', label: 'ER one table: open → layout done', unit: 'ms' },
]

export const measureSpec = (id: string): MeasureSpec | undefined => MEASURES.find((m) => m.id === id)
