import type { Page } from '@playwright/test'
import { Client } from 'pg'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, replaceQuery, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, queryOn } from './fixtures/connections'

const url = process.env['QUARRY_E2E_POSTGRES_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!url) console.log(`[sessions-postgres.spec] skipped: ${skipReason}`)

/** Runs the editor's text (all of it) and waits for the run to end with `outcome`. */
async function run(page: Page, sql: string, outcome = 'done'): Promise<void> {
  await replaceQuery(page, sql)
  await activePanel(page).getByTestId(TID.runScriptButton).click()
  await expect(status(page)).toHaveAttribute('data-status', outcome)
}

/** What another session of the server sees: a customer's name, and sessions idle in a transaction. */
async function server<T>(read: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return await read(client)
  } finally {
    await client.end()
  }
}
const nameOf = (id: number) =>
  server(async (c) => (await c.query('SELECT name FROM shop.customers WHERE id = $1', [id])).rows[0]?.name ?? null)
const idleInTransaction = () =>
  server(async (c) =>
    Number(
      (
        await c.query(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = 'quarry_e2e' AND state LIKE 'idle in transaction%'",
        )
      ).rows[0].n,
    ),
  )

test.describe('A query tab is a session (PostgreSQL)', () => {
  test.skip(!url, skipReason)

  test('BEGIN, UPDATE and ROLLBACK run one at a time act as in psql; the badge shows the open transaction', async ({
    app: page,
  }) => {
    await addConnection(page, url!, 'sessions pg', /PostgreSQL \d+/)
    await queryOn(page, 'sessions pg', 'begin')
    const badge = activePanel(page).getByTestId(TID.transactionBadge)
    await run(page, 'begin')
    await expect(activePanel(page).getByTestId(TID.commandTag)).toHaveText('BEGIN')
    await expect(badge).toHaveAttribute('data-state', 'open')
    await run(page, "update shop.customers set name = 'Changed' where id = 2")
    await expect(activePanel(page).getByTestId(TID.commandTag)).toHaveText('UPDATE 1')
    await expect(badge).toContainText('2 statements')
    expect(await nameOf(2)).toBeNull() // not committed: another session sees the old row
    expect(await idleInTransaction()).toBe(1)
    await run(page, 'rollback')
    await expect(activePanel(page).getByTestId(TID.commandTag)).toHaveText('ROLLBACK')
    await expect(badge).toHaveCount(0)
    expect(await nameOf(2)).toBeNull()
    expect(await idleInTransaction()).toBe(0)

    // A second ROLLBACK: the server's warning is shown, not hidden behind "0 rows affected".
    await run(page, 'rollback')
    await expect(activePanel(page).getByTestId(TID.serverMessages)).toContainText('there is no transaction in progress')
    await expect(activePanel(page).getByTestId(TID.serverMessages)).toContainText('WARNING')
  })

  test('a script that BEGINs leaves the transaction open and visible; Commit commits it', async ({ app: page }) => {
    await addConnection(page, url!, 'sessions pg 2', /PostgreSQL \d+/)
    await queryOn(page, 'sessions pg 2', 'select 1')
    await run(page, "begin; update shop.customers set name = 'Ada L.' where id = 1;")
    const badge = activePanel(page).getByTestId(TID.transactionBadge)
    await expect(badge).toHaveAttribute('data-state', 'open')
    expect(await nameOf(1)).toBe('Ada')
    await activePanel(page).getByTestId(TID.commitButton).click()
    await expect(badge).toHaveCount(0)
    expect(await nameOf(1)).toBe('Ada L.')
    await run(page, "update shop.customers set name = 'Ada' where id = 1")
    expect(await nameOf(1)).toBe('Ada')
  })

  test('SET, temp tables and notices carry from run to run; a failed transaction says only Rollback helps', async ({
    app: page,
  }) => {
    await addConnection(page, url!, 'sessions pg 3', /PostgreSQL \d+/)
    await queryOn(page, 'sessions pg 3', 'select 1')
    await run(page, 'set search_path = shop; create temp table scratch (a int); insert into scratch values (7)')
    await run(page, 'select name from customers where id = 1')
    await expect(activePanel(page).getByTestId(TID.gridCell).first()).toHaveText('Ada')
    await run(page, 'select a from scratch')
    await expect(activePanel(page).getByTestId(TID.gridCell).first()).toHaveText('7')
    await run(page, "do $$ begin raise notice 'hello %', 42; end $$")
    await expect(activePanel(page).getByTestId(TID.commandTag)).toHaveText('DO')
    await expect(activePanel(page).getByTestId(TID.serverMessages)).toContainText('hello 42')

    await run(page, 'begin; select 1/0', 'error')
    const badge = activePanel(page).getByTestId(TID.transactionBadge)
    await expect(badge).toHaveAttribute('data-state', 'failed')
    await expect(badge).toContainText('only Rollback helps')
    await expect(activePanel(page).getByTestId(TID.commitButton)).toBeDisabled()
    await activePanel(page).getByTestId(TID.rollbackButton).click()
    await expect(badge).toHaveCount(0)
  })

  test('closing a tab with an open transaction asks; Roll back leaves the row and no session idle in transaction', async ({
    app: page,
  }) => {
    await addConnection(page, url!, 'sessions pg 4', /PostgreSQL \d+/)
    await queryOn(page, 'sessions pg 4', 'select 1')
    await activePanel(page).getByTestId(TID.commitMode).selectOption('manual')
    await run(page, "update shop.customers set name = 'Gone' where id = 2")
    await expect(activePanel(page).getByTestId(TID.transactionBadge)).toHaveAttribute('data-state', 'open')
    expect(await idleInTransaction()).toBe(1)
    const tabs = page.getByTestId(TID.tab)
    const open = await tabs.count()
    const tab = page.locator(`[data-testid="${TID.tab}"][aria-selected="true"]`)
    await tab.getByRole('button', { name: /Close/ }).click()
    const dialog = page.getByTestId(TID.closeTransactionDialog)
    await expect(dialog).toContainText('Commit it, or roll it back?')
    await dialog.getByTestId(TID.closeCancel).click()
    await expect(dialog).toBeHidden()
    await expect(tabs).toHaveCount(open)
    await tab.getByRole('button', { name: /Close/ }).click()
    await page.getByTestId(TID.closeRollback).click()
    await expect(tabs).toHaveCount(open - 1)
    await expect.poll(idleInTransaction).toBe(0)
    expect(await nameOf(2)).toBeNull()
  })
})
