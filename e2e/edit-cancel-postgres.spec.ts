import type { Page } from '@playwright/test'
import { Client } from 'pg'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand } from './fixtures/connections'

const url = process.env['QUARRY_E2E_POSTGRES_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_POSTGRES'] ?? 'no PostgreSQL server for the e2e run'
if (!url) console.log(`[edit-cancel-postgres.spec] skipped: ${skipReason}`)
const SHOTS = process.env['QUARRY_SHOTS_DIR']

async function server<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}

const bar = (page: Page) => activePanel(page).getByTestId(TID.editsBar)

/** Apply, and wait until it is blocked ("Applying…" with Cancel); screenshots of that state when asked. */
async function applyBlocked(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const review = page.getByTestId(TID.reviewDialog)
  await expect(review.getByTestId(TID.reviewApply)).toBeEnabled()
  await review.getByTestId(TID.reviewApply).click()
  await expect(review.getByTestId(TID.reviewApply)).toHaveText('Applying…')
  await expect(review.getByTestId(TID.reviewCancelApply)).toBeEnabled()
  if (!SHOTS) return
  for (const [width, height] of [
    [1024, 700],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `${SHOTS}/applying-cancel-${width}x${height}-${theme}.png` })
  }
}

test.describe('cancelling an apply on PostgreSQL', () => {
  test.skip(!url, skipReason)

  test('an apply blocked by another session’s row lock is cancelled: nothing applied, edits kept; applies once released', async ({
    app: page,
  }) => {
    await server(`DROP TABLE IF EXISTS shop.e2e_cancel;
      CREATE TABLE shop.e2e_cancel (id int PRIMARY KEY, name text);
      INSERT INTO shop.e2e_cancel VALUES (1, 'one'), (2, 'two')`)
    const locker = new Client({ connectionString: url })
    await locker.connect()
    try {
      await addConnection(page, url!, 'e2e postgres cancel', /PostgreSQL \d+/)
      await expand(page, 'connection', 'e2e postgres cancel')
      await expand(page, 'database', 'quarry_e2e')
      await expand(page, 'schema', 'shop')
      await page.locator(`[data-testid="${TID.treeNode}"][data-kind="table"][data-name="e2e_cancel"]`).click()
      await expect(cell(page, 1, 0)).toBeVisible()
      await cell(page, 0, 1).dblclick()
      const editor = activePanel(page).getByTestId(TID.cellEditor)
      await editor.fill('mine')
      await editor.press('Enter')
      await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('1 change')

      // Another session holds the row's lock in an open transaction.
      await locker.query('BEGIN')
      await locker.query(`UPDATE shop.e2e_cancel SET name = 'locked' WHERE id = 1`)

      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      for (const theme of ['light', 'dark'] as const) {
        if (SHOTS) await page.getByTestId(TID.themeSwitch).selectOption(theme)
        await applyBlocked(page, theme)
        await review.getByTestId(TID.reviewCancelApply).click()
        await expect(review.getByTestId(TID.reviewCancelled)).toContainText('Apply cancelled: nothing was applied')
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/cancelled-1440x900-${theme}.png` })
        await expect(review.getByTestId(TID.reviewApply)).toBeEnabled()
        await expect(bar(page).getByTestId(TID.editsCount)).toHaveText('1 change')
      }
      await locker.query('ROLLBACK')
      expect(await server('SELECT name FROM shop.e2e_cancel ORDER BY id')).toEqual([{ name: 'one' }, { name: 'two' }])

      // The lock is gone: the same staged edit applies.
      await review.getByTestId(TID.reviewApply).click()
      await expect(review).toBeHidden()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toHaveText('1 statement applied (committed)')
      expect(await server('SELECT name FROM shop.e2e_cancel ORDER BY id')).toEqual([{ name: 'mine' }, { name: 'two' }])
    } finally {
      await locker.end().catch(() => undefined)
      await server('DROP TABLE IF EXISTS shop.e2e_cancel')
    }
  })
})
