import { describe, expect, it } from 'vitest'
import type { StreamItem } from '../../../src/main/drivers/driver'
import { createMssqlDriver } from '../../../src/main/drivers/mssql/mssql-driver'
import { MAX_MESSAGES } from '../../../src/main/drivers/mssql/mssql-messages'
import { FakeSession, intColumn } from './fake-mssql'
import type { Script } from './fake-mssql'

/** Runs `sql` on a driver whose sessions answer with `script`; the items, or the error it ended with. */
async function run(script: Script[], sql = 'batch'): Promise<{ items: StreamItem[]; error: unknown }> {
  const driver = createMssqlDriver({ opener: () => async () => new FakeSession(51, () => script) })
  const connection = await driver.connect({ engine: 'mssql', host: 'fake' })
  const items: StreamItem[] = []
  let error: unknown = null
  try {
    for await (const item of connection.stream(sql, { queryId: 'q', batchSize: 10 })) items.push(item)
  } catch (e) {
    error = e
  } finally {
    await connection.close()
  }
  return { items, error }
}

const summaries = (items: StreamItem[]) => items.filter((item) => item.kind === 'summary')
const print = (message: string) => ({ info: { message, number: 0, class: 0 } })
const raiserror = (message: string) => ({ info: { message, number: 50000, class: 10 } })

describe('SQL Server server messages (fake sessions)', () => {
  it('PRINT is info, RAISERROR ≤ 10 a notice with its number, each on the summary of the statement it came before', async () => {
    const { items } = await run([
      print('updating'),
      { rowsaffected: 3 },
      { recordset: [intColumn('a')] },
      { row: [1] },
      raiserror('checked 1 row'),
      { info: { message: "Changed database context to 'shop'.", number: 5701, class: 0 } },
      { rowsaffected: 1 },
    ])
    expect(summaries(items)).toEqual([
      { kind: 'summary', affectedRows: 3, messages: [{ severity: 'info', text: 'updating' }] },
      {
        kind: 'summary',
        affectedRows: null,
        messages: [
          { severity: 'notice', text: 'checked 1 row', code: '50000' },
          { severity: 'notice', text: "Changed database context to 'shop'.", code: '5701' },
        ],
      },
    ])
  })

  it('messages after the batch’s last statement are a statement of their own; a batch of PRINTs is one', async () => {
    const after = await run([{ rowsaffected: 2 }, print('done')])
    expect(after.items.filter((item) => item.kind === 'statement')).toHaveLength(2)
    expect(summaries(after.items)).toEqual([
      { kind: 'summary', affectedRows: 2 },
      { kind: 'summary', affectedRows: null, command: 'Messages', messages: [{ severity: 'info', text: 'done' }] },
    ])
    const only = await run([print('a'), print('b')])
    expect(only.items.map((item) => item.kind)).toEqual(['statement', 'columns', 'summary'])
    expect(summaries(only.items)).toEqual([
      {
        kind: 'summary',
        affectedRows: null,
        messages: [
          { severity: 'info', text: 'a' },
          { severity: 'info', text: 'b' },
        ],
      },
    ])
  })

  it('a batch that fails still shows the messages it sent before its error', async () => {
    const { items, error } = await run([
      print('before'),
      { error: { message: 'Divide by zero error encountered.', number: 8134, class: 16, lineNumber: 1 } },
    ])
    expect(summaries(items)).toEqual([
      { kind: 'summary', affectedRows: null, messages: [{ severity: 'info', text: 'before' }] },
    ])
    expect(error).toMatchObject({ error: { message: expect.stringContaining('Divide by zero') } })
  })

  it(`keeps ${MAX_MESSAGES} messages of a statement and counts the rest`, async () => {
    const prints = Array.from({ length: MAX_MESSAGES + 5 }, (_, i) => print(`line ${i}`))
    const { items } = await run([...prints, { rowsaffected: 1 }])
    const [summary] = summaries(items)
    const messages = summary?.kind === 'summary' ? (summary.messages ?? []) : []
    expect(messages).toHaveLength(MAX_MESSAGES + 1)
    expect(messages.at(-1)).toEqual({ severity: 'info', text: '5 more messages were not kept' })
  })
})
