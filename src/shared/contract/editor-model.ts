import type { QuarryError } from './errors'
import type { QueryOutcome } from './events'
import type { EngineId, TableInfo } from './model'

/** A query tab as it is kept across restarts: its SQL, title (maybe renamed), connection and database. */
export interface SavedQueryTab {
  /** Absent in files written before table tabs were kept: a tab without a kind is a query tab. */
  kind?: 'query'
  id: string
  title: string
  connectionId: string
  engine: EngineId
  sql: string
  /** The database it runs in (opened on, or switched to); absent: its connection's own. */
  database?: string
  /** The `.sql` file it was opened from or saved to, and a hash of what was last written there (the unsaved marker). */
  file?: QueryTabFile
}

/** A query tab's saved file: its name in the queries folder, and the hash of its saved SQL and target. */
export interface QueryTabFile {
  name: string
  savedHash: string
}

/** A table tab as it is kept across restarts: which table, where, and which view was shown. */
export interface SavedTableTab {
  kind: 'table'
  id: string
  title: string
  connectionId: string
  engine: EngineId
  database: string
  table: TableInfo
  view: 'data' | 'structure'
}

/** An ER diagram tab: a whole schema, or one table and its neighbours (`focus`). */
export interface SavedDiagramTab {
  kind: 'diagram'
  id: string
  title: string
  connectionId: string
  engine: EngineId
  database: string
  schema: string
  focus: string | null
}

/** An open (or recently closed) tab as it is saved. */
export type SavedTab = SavedQueryTab | SavedTableTab | SavedDiagramTab

/** The open tabs of the workspace, in order, which one was active, and the recently closed ones. */
export interface SavedTabs {
  tabs: SavedTab[]
  activeId: string | null
  /** Recently closed tabs, most recent first ("Reopen closed tab"); absent: none kept. */
  closed?: SavedTab[]
}

/** What `tabs.load` answers: the saved tabs, and any problem reading them at start-up. */
export interface LoadedTabs extends SavedTabs {
  problem: string | null
}

/** One run of a script, as History keeps it. */
export interface HistoryEntry {
  id: string
  connectionId: string
  engine: EngineId
  /** The SQL that ran (cut at HISTORY_SQL_LIMIT characters; `truncated` says so). */
  sql: string
  truncated: boolean
  /** When the run started, ISO 8601. */
  startedAt: string
  elapsedMs: number
  rowCount: number
  affectedRows: number | null
  outcome: QueryOutcome
  error: Pick<QuarryError, 'kind' | 'message' | 'code'> | null
}

/** SQL kept per history entry (longer scripts are cut, and marked as such). */
export const HISTORY_SQL_LIMIT = 100_000
/** Entries History keeps; the oldest go first. */
export const HISTORY_LIMIT = 5_000
/** SQL characters History keeps in all (so its file stays small enough to rewrite); the oldest go first. */
export const HISTORY_TOTAL_SQL_LIMIT = 20_000_000

/** One node of a query plan, the same shape for every engine. */
export interface PlanNode {
  /** What the node does: "Hash Join", "Seq Scan on orders", "SCAN customers", "table orders (ALL)". */
  label: string
  /** The engine's other facts about the node, as name → text (conditions, indexes, access type). */
  details: Array<[string, string]>
  /** The planner's estimates; null where the engine gives none. */
  estimatedRows: number | null
  /** Cumulative estimated cost (this node and its children), in the engine's own units. */
  estimatedCost: number | null
  /** Measured when the plan was analysed (the statement ran); null otherwise. */
  actualRows: number | null
  /** Cumulative measured time of this node and its children, in milliseconds. */
  actualTimeMs: number | null
  children: PlanNode[]
}

/** A query plan normalised from the engine's EXPLAIN output. */
export interface QueryPlan {
  engine: EngineId
  /** True when the statement was run to measure (EXPLAIN ANALYZE). */
  analyzed: boolean
  root: PlanNode
  /** The EXPLAIN statement Quarry ran. */
  explainSql: string
  /** The engine's raw output, as text (JSON or rows). */
  raw: string
}
