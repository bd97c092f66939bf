import { engineOf } from '../../shared/engines/engine-list'
import type { SessionHandle, StreamItem, StreamOptions } from './driver'
import type { EngineSession, HeldSession, ScriptEngine, TabSessionHooks } from './engine-session'

type Stream = (sql: string, options: StreamOptions) => AsyncIterable<StreamItem>

/**
 * Opens an editor tab's own session on an engine that has them: runs given `held` share it;
 * `close` rolls back what is open (then closes, which would roll back anyway), never commits.
 */
export async function openTabSession<S extends EngineSession>(
  engine: ScriptEngine<S>,
  stream: Stream,
  database: string | undefined,
): Promise<SessionHandle> {
  const hooks = engine.tabSessions
  if (!hooks) throw new Error(`${engine.engine} has no tab sessions`)
  const held: HeldSession<S> = { session: await hooks.open(database), usable: true }
  let closing: Promise<void> | null = null
  return {
    held,
    transaction: () => (held.usable ? hooks.transaction(held.session) : Promise.resolve('idle')),
    close: () => (closing ??= end(engine, hooks, stream, held)),
  }
}

async function end<S extends EngineSession>(
  engine: ScriptEngine<S>,
  hooks: TabSessionHooks<S>,
  stream: Stream,
  held: HeldSession<S>,
): Promise<void> {
  try {
    const rollback = engineOf(engine.engine).transactions?.rollback
    if (held.usable && rollback && (await hooks.transaction(held.session)) !== 'idle') {
      for await (const item of stream(rollback, { batchSize: 1, session: held })) void item
    }
  } catch {
    // Closing the session rolls back all the same.
  } finally {
    held.usable = false
    await hooks.close(held.session).catch(() => {})
  }
}
