import { QuarryFailure } from '../../../shared/contract'
import { splitStatements } from '../../../shared/dialect/split-statements'
import type { ScriptEngine } from '../engine-session'
import { cancelledError } from './duckdb-errors'
import type { DuckdbHostProcess } from './duckdb-host-process'
import { DuckdbScriptSession } from './duckdb-script-session'

const noop = (): void => {}

/**
 * DuckDB for the script runner: each run gets a session of its own in the connection's one host;
 * releasing it ends that session there (its stream and connection).
 */
export const duckdbEngine = (host: () => Promise<DuckdbHostProcess>): ScriptEngine<DuckdbScriptSession> => ({
  engine: 'duckdb',
  readOnly: false,
  split: (sql) => splitStatements(sql, 'duckdb'),
  acquire: async ({ database }) => new DuckdbScriptSession(await host(), database),
  async release({ host, id }) {
    if (host.alive) await host.request('session.end', { session: id }).catch(noop)
  },
  cancelled: () => new QuarryFailure(cancelledError()),
  // A tab's session is a DuckDB connection of its own in the same host, kept until the tab closes.
  tabSessions: {
    open: async (database) => new DuckdbScriptSession(await host(), database),
    transaction: ({ host: live, id }) =>
      live.alive ? live.request('session.transaction', { session: id }) : Promise.resolve('idle'),
    close: async ({ host: live, id }) => {
      if (live.alive) await live.request('session.end', { session: id }).catch(noop)
    },
  },
})
