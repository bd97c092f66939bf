import { describe, expect, it } from 'vitest'
import { QuarryFailure, WRITE_REFUSED_CODE, encodeRows } from '../../src/shared/contract'
import { splitStatements } from '../../src/shared/dialect/split-statements'
import type { ScriptStatement } from '../../src/shared/dialect/split-statements'
import type { StreamItem, StreamOptions } from '../../src/main/drivers/driver'
import type {
  EngineSession,
  HeldSession,
  ReadOnlyHooks,
  RunEnd,
  ScriptEngine,
  StatementEvent,
  StatementStart,
} from '../../src/main/drivers/engine-session'
import { ScriptRunner } from '../../src/main/drivers/script-runner'

/**
 * A fake engine of the script runner. Statements: `rows N` (N rows, in the plan's batches),
 * `count N` (no rows, N affected), `fail AT` (a syntax error at AT inside the statement), `hang`
 * (columns, then a pull that only an interrupt ends), `two` (two results, as an SQL Server batch),
 * `write` (refused under read-only mode).
 */
class FakeSession implements EngineSession {
  readonly log: string[]
  readonly sizesAsked: number[] = []
  interrupts = 0
  settles: RunEnd[] = []
  /** What settle answers after an interrupt (DuckDB: an interrupted connection is not reused). */
  usableAfterInterrupt = false
  private wakeHang: ((error: unknown) => void) | null = null
  private mode: 'ro' | 'rw' = 'rw'
  readonly readOnly: ReadOnlyHooks

  constructor(
    readonly id: number,
    log: string[],
  ) {
    this.log = log
    this.readOnly = {
      begin: async (statement, readOnly) => {
        this.mode = readOnly ? 'ro' : 'rw'
        log.push(`begin ${statement.sql} ${this.mode}`)
      },
      end: async (statement) => void log.push(`end ${statement.sql}`),
      refused: (failure) => failure.error.code === 'FAKE_RO',
      connectionRefusal: (failure) => new QuarryFailure({ ...failure.error, message: 'connection is read-only' }),
    }
  }

  start(statement: ScriptStatement, start: StatementStart): AsyncGenerator<StatementEvent> {
    this.log.push(`start ${statement.sql} on ${this.id}`)
    const [verb, arg] = statement.sql.split(' ')
    const sizes = (i: number) => {
      const size = start.sizes(i)
      this.sizesAsked.push(size)
      return size
    }
    return this.events(verb!, Number(arg), sizes)
  }

  private async *events(verb: string, n: number, sizes: (i: number) => number): AsyncGenerator<StatementEvent> {
    const columns = [{ name: 'n', type: 'int' }]
    const done = (event: StatementEvent) => Promise.resolve(event)
    if (verb === 'rows' || verb === 'two') {
      for (let result = 0; result < (verb === 'two' ? 2 : 1); result++) {
        yield await done({ kind: 'columns', columns })
        let sent = 0
        for (let i = 0; sent < n; i++) {
          const count = Math.min(sizes(i), n - sent)
          const rows = Array.from({ length: count }, (_, k) => [sent + k])
          sent += count
          yield await done({ kind: 'rows', rows: encodeRows(rows), count })
        }
        yield await done({ kind: 'summary', affectedRows: null })
      }
    } else if (verb === 'count') {
      yield await done({ kind: 'columns', columns: [] })
      yield await done({ kind: 'summary', affectedRows: n })
    } else if (verb === 'fail') {
      yield await Promise.reject(Object.assign(new Error('syntax error'), { at: n }))
    } else if (verb === 'write') {
      if (this.mode === 'ro') yield await Promise.reject(Object.assign(new Error('read-only'), { readOnly: true }))
      yield await done({ kind: 'columns', columns: [] })
      yield await done({ kind: 'summary', affectedRows: 1 })
    } else if (verb === 'hang') {
      yield await done({ kind: 'columns', columns })
      yield await new Promise<StatementEvent>((_, reject) => (this.wakeHang = reject))
    }
  }

  async interrupt(): Promise<void> {
    this.interrupts++
    this.log.push('interrupt')
    await new Promise((resolve) => setTimeout(resolve, 5))
    this.wakeHang?.(new Error('interrupted'))
  }

  async settle(end: RunEnd): Promise<boolean> {
    this.settles.push(end)
    this.log.push(`settle${end.interrupted ? ' interrupted' : ''}`)
    return !end.interrupted || this.usableAfterInterrupt
  }

  failure(error: unknown, statement: ScriptStatement): QuarryFailure {
    if (error instanceof QuarryFailure) return error
    const raw = error as { at?: number; readOnly?: boolean; message: string }
    if (raw.readOnly) return new QuarryFailure({ kind: 'permission', message: raw.message, code: 'FAKE_RO' })
    return new QuarryFailure({
      kind: 'syntax',
      message: raw.message,
      position: statement.offset + (raw.at ?? 0) + 1,
      engine: 'postgres',
    })
  }
}

class FakeEngine implements ScriptEngine<FakeSession> {
  readonly engine = 'postgres' as const
  readonly log: string[] = []
  readonly sessions: FakeSession[] = []
  readonly released: { id: number; broken: boolean }[] = []
  constructor(readonly readOnly = false) {}

  split(sql: string): ScriptStatement[] {
    return splitStatements(sql, 'postgres').flatMap((s) =>
      s.sql.startsWith('go2 ') ? [{ ...s, sql: s.sql.slice(4), offset: s.offset + 4, repeat: 2 }] : [s],
    )
  }

  async acquire({ database }: StreamOptions, signal: AbortSignal): Promise<FakeSession> {
    if (signal.aborted) throw this.cancelled()
    const session = new FakeSession(this.sessions.length, this.log)
    this.sessions.push(session)
    this.log.push(`acquire ${database ?? '-'}`)
    return session
  }

  async release(session: FakeSession, end: { broken: boolean }): Promise<void> {
    this.released.push({ id: session.id, broken: end.broken })
    this.log.push(`release${end.broken ? ' broken' : ''}`)
  }

  cancelled(): QuarryFailure {
    return new QuarryFailure({ kind: 'cancelled', message: 'Query cancelled', engine: 'postgres' })
  }

  /** A tab's own session: opened apart from acquire, closed apart from release. */
  readonly tabSessions = {
    open: async (database: string | undefined) => {
      const session = new FakeSession(this.sessions.length, this.log)
      this.sessions.push(session)
      this.log.push(`open tab ${database ?? '-'}`)
      return session
    },
    transaction: async () => 'idle' as const,
    close: async (session: FakeSession) => void this.log.push(`close tab ${session.id}`),
  }
}

const collect = async (stream: AsyncIterable<StreamItem>) => {
  const items: StreamItem[] = []
  for await (const item of stream) items.push(item)
  return items
}
const failureOf = async (work: Promise<unknown>): Promise<QuarryFailure['error']> => {
  try {
    await work
  } catch (error) {
    expect(error).toBeInstanceOf(QuarryFailure)
    return (error as QuarryFailure).error
  }
  throw new Error('expected a failure')
}
const brief = (items: StreamItem[]) =>
  items.map((item) =>
    item.kind === 'statement'
      ? `#${item.index}@${item.offset}`
      : item.kind === 'rows'
        ? `rows ${item.count}`
        : item.kind === 'summary'
          ? `summary ${item.affectedRows}`
          : `columns ${item.columns.length}`,
  )

const setup = (readOnly = false) => {
  const engine = new FakeEngine(readOnly)
  return { engine, runner: new ScriptRunner(engine) }
}
const options = (extra: Partial<StreamOptions> = {}): StreamOptions => ({ batchSize: 2, ...extra })

describe('script runner', () => {
  it('runs the statements in order on one session, with the batch plan restarting per statement', async () => {
    const { engine, runner } = setup()
    const plan = (i: number) => (i === 0 ? 1 : 2)
    const items = await collect(runner.stream('rows 4; count 3;\nrows 1', options({ batchSize: plan, database: 'd' })))
    expect(brief(items)).toEqual([
      '#0@0',
      'columns 1',
      'rows 1',
      'rows 2',
      'rows 1',
      'summary null',
      '#1@8',
      'columns 0',
      'summary 3',
      '#2@17',
      'columns 1',
      'rows 1',
      'summary null',
    ])
    expect(engine.sessions[0]!.sizesAsked).toEqual([1, 2, 2, 1])
    expect(engine.log).toEqual([
      'acquire d',
      'begin rows 4 rw',
      'start rows 4 on 0',
      'begin count 3 rw',
      'start count 3 on 0',
      'begin rows 1 rw',
      'start rows 1 on 0',
      'settle',
      'release',
    ])
  })

  it('marks each further result of a statement, and runs a repeated batch again', async () => {
    const { runner } = setup()
    const items = await collect(runner.stream('two 1; go2 count 5', options()))
    expect(brief(items)).toEqual([
      '#0@0',
      'columns 1',
      'rows 1',
      'summary null',
      '#1@0',
      'columns 1',
      'rows 1',
      'summary null',
      '#2@11',
      'columns 0',
      'summary 5',
      '#3@11',
      'columns 0',
      'summary 5',
    ])
  })

  it('refuses a bad plan, an empty script and parameters of several statements before taking a session', async () => {
    const { engine, runner } = setup()
    expect(await failureOf(collect(runner.stream('rows 1', options({ batchSize: 0 }))))).toMatchObject({
      kind: 'invalid-input',
    })
    expect(await failureOf(collect(runner.stream(' -- nothing', options())))).toMatchObject({
      kind: 'invalid-input',
      message: 'Nothing to run: the text has no SQL statement',
    })
    expect(await failureOf(collect(runner.stream('rows 1; rows 2', options({ params: ['1'] }))))).toMatchObject({
      message: 'A statement with parameters must be run alone',
    })
    const plan = (i: number) => (i < 1 ? 1 : -1)
    expect(await failureOf(collect(runner.stream('rows 3', options({ batchSize: plan }))))).toMatchObject({
      kind: 'invalid-input',
      message: 'Invalid batch size: -1',
    })
    expect(engine.sessions).toHaveLength(1) // only the last run got as far as a session
  })

  it('places a statement error in the script and stops there', async () => {
    const { engine, runner } = setup()
    const seen: StreamItem[] = []
    const error = await failureOf(
      (async () => {
        for await (const item of runner.stream('count 1;\n  fail 3; rows 1', options())) seen.push(item)
      })(),
    )
    expect(error).toMatchObject({ kind: 'syntax', position: 11 + 3 + 1 })
    expect(brief(seen)).toEqual(['#0@0', 'columns 0', 'summary 1', '#1@11'])
    expect(engine.released).toEqual([{ id: 0, broken: false }])
  })

  it('aborted before it starts: cancelled, no session taken, nothing interrupted', async () => {
    const { engine, runner } = setup()
    const error = await failureOf(collect(runner.stream('rows 1', options({ signal: AbortSignal.abort() }))))
    expect(error).toMatchObject({ kind: 'cancelled', message: 'Query cancelled' })
    expect(engine.sessions).toHaveLength(0)
    expect(engine.log).toEqual([])
  })

  it('aborted while the consumer holds a batch: interrupts once, then the session is released broken', async () => {
    const { engine, runner } = setup()
    const controller = new AbortController()
    const iterator = runner.stream('rows 10; rows 1', options({ signal: controller.signal }))
    expect((await iterator.next()).value?.kind).toBe('statement')
    expect((await iterator.next()).value?.kind).toBe('columns')
    expect((await iterator.next()).value?.kind).toBe('rows')
    controller.abort()
    controller.abort()
    void runner.abortAll()
    expect(await failureOf(iterator.next())).toMatchObject({ kind: 'cancelled' })
    const session = engine.sessions[0]!
    expect(session.interrupts).toBe(1)
    expect(session.settles).toEqual([{ interrupted: true, failure: expect.any(QuarryFailure) }])
    expect(engine.released).toEqual([{ id: 0, broken: true }])
    expect(engine.log.slice(-3)).toEqual(['interrupt', 'settle interrupted', 'release broken'])
  })

  it('aborted inside a pull that only the interrupt ends: cancelled once the engine stopped', async () => {
    const { engine, runner } = setup()
    const controller = new AbortController()
    const iterator = runner.stream('hang', options({ signal: controller.signal }))
    await iterator.next()
    await iterator.next()
    const pull = iterator.next()
    setTimeout(() => controller.abort(), 5)
    expect(await failureOf(pull)).toMatchObject({ kind: 'cancelled' })
    expect(engine.sessions[0]!.interrupts).toBe(1)
    expect(engine.released).toEqual([{ id: 0, broken: true }])
  })

  it('aborted between statements: the next statement never starts', async () => {
    const { engine, runner } = setup()
    const controller = new AbortController()
    const iterator = runner.stream('count 1; rows 1', options({ signal: controller.signal }))
    const kinds = []
    for (let i = 0; i < 3; i++) kinds.push((await iterator.next()).value?.kind)
    expect(kinds).toEqual(['statement', 'columns', 'summary'])
    controller.abort()
    expect(await failureOf(iterator.next())).toMatchObject({ kind: 'cancelled' })
    expect(engine.log.filter((line) => line.startsWith('start'))).toEqual(['start count 1 on 0'])
    expect(engine.sessions[0]!.interrupts).toBe(1)
  })

  it('a consumer that breaks: the session settles (not interrupted) and goes back', async () => {
    const { engine, runner } = setup()
    for await (const item of runner.stream('rows 10; rows 2', options())) if (item.kind === 'rows') break
    expect(engine.sessions[0]!.interrupts).toBe(0)
    expect(engine.log.slice(-2)).toEqual(['settle', 'release'])
    expect(engine.released).toEqual([{ id: 0, broken: false }])
  })

  it('sequences the read-only guard around each statement, the confirmed one read-write', async () => {
    const { engine, runner } = setup()
    await collect(runner.stream('count 1; write 1; count 2', options({ readOnlyGuard: { allowWriteAt: 1 } })))
    expect(engine.log.filter((line) => !/acquire|settle|release/.test(line))).toEqual([
      'begin count 1 ro',
      'start count 1 on 0',
      'end count 1',
      'begin write 1 rw',
      'start write 1 on 0',
      'begin count 2 ro',
      'start count 2 on 0',
      'end count 2',
    ])
  })

  it('turns a refusal under the guard into a write-refused error, on a read-only connection into its own', async () => {
    const guarded = setup()
    const error = await failureOf(collect(guarded.runner.stream('count 1; write 1', options({ readOnlyGuard: {} }))))
    expect(error).toMatchObject({ kind: 'permission', code: WRITE_REFUSED_CODE, position: 10 })
    expect(guarded.engine.log).not.toContain('end write 1')
    const readOnly = setup(true)
    expect(await failureOf(collect(readOnly.runner.stream('write 1', options())))).toMatchObject({
      code: 'FAKE_RO',
      message: 'connection is read-only',
    })
  })

  it('uses a held session across runs and never releases it, only says whether it is usable', async () => {
    const { engine, runner } = setup()
    const session = new FakeSession(7, engine.log)
    const held: HeldSession<FakeSession> = { session, usable: true }
    await collect(runner.stream('count 1', options({ session: held })))
    expect(held.usable).toBe(true)
    await collect(runner.stream('rows 3', options({ session: held })))
    expect(engine.log).toEqual([
      'begin count 1 rw',
      'start count 1 on 7',
      'settle',
      'begin rows 3 rw',
      'start rows 3 on 7',
      'settle',
    ])
    expect(engine.sessions).toHaveLength(0)
    expect(engine.released).toEqual([])

    // Cancelled: still the owner's; the engine says whether the session survived the interrupt.
    session.usableAfterInterrupt = true
    const controller = new AbortController()
    const iterator = runner.stream('hang', options({ session: held, signal: controller.signal }))
    await iterator.next()
    await iterator.next()
    const pull = iterator.next()
    controller.abort()
    await failureOf(pull)
    expect(held.usable).toBe(true)
    expect(session.interrupts).toBe(1)
    expect(engine.released).toEqual([])
  })

  it('opens a tab session apart from the pool and closes it, also when a run left it unusable', async () => {
    const { engine, runner } = setup()
    const tab = await runner.openSession('tab')
    const held = tab.held as HeldSession<FakeSession>
    expect(engine.log).toEqual(['open tab tab'])
    await collect(runner.stream('count 1', options({ session: held })))
    const controller = new AbortController()
    const iterator = runner.stream('hang', options({ session: held, signal: controller.signal }))
    await iterator.next()
    await iterator.next()
    const pull = iterator.next()
    controller.abort()
    await failureOf(pull)
    expect(held.usable).toBe(false) // the fake says an interrupted session is not reused
    expect(engine.released).toEqual([])
    await tab.close()
    expect(engine.released).toEqual([])
    expect(engine.log.at(-1)).toBe('close tab 0')
  })

  it('abortAll stops every run in flight through the same interrupt', async () => {
    const { engine, runner } = setup()
    const iterator = runner.stream('hang', options())
    await iterator.next()
    await iterator.next()
    const pull = iterator.next()
    await new Promise((resolve) => setTimeout(resolve, 5))
    await runner.abortAll()
    expect(await failureOf(pull)).toMatchObject({ kind: 'cancelled' })
    expect(engine.sessions[0]!.interrupts).toBe(1)
  })
})
