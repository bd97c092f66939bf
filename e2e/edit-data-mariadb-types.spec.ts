import type { Page } from '@playwright/test'
import { createConnection } from 'mysql2/promise'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, status } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, queryOn } from './fixtures/connections'

const url = process.env['QUARRY_E2E_MYSQL_URL']
const skipReason = process.env['QUARRY_E2E_SKIP_MYSQL'] ?? 'no MariaDB/MySQL server for the e2e run'
if (!url) console.log(`[edit-data-mariadb-types.spec] skipped: ${skipReason}`)

/** Runs SQL on the server with its own client (the source of truth). */
async function server(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await createConnection({
    uri: url!,
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  })
  try {
    const [rows] = await connection.query(sql)
    return rows as Record<string, unknown>[]
  } finally {
    await connection.end()
  }
}

const bar = (page: Page) => activePanel(page).getByTestId(TID.editsBar)

test.describe('editing data types on MariaDB', () => {
  test.skip(!url, skipReason)

  test('a query result: an enum picked from its values, an unsigned bigint typed exactly, applied and read back', async ({
    app: page,
  }) => {
    await server(`DROP TABLE IF EXISTS quarry_e2e.e2e_types;
      CREATE TABLE quarry_e2e.e2e_types (id INT PRIMARY KEY, size ENUM('small','medium','large') NOT NULL, n BIGINT UNSIGNED);
      INSERT INTO quarry_e2e.e2e_types VALUES (1, 'small', 1), (2, 'large', 2)`)
    try {
      await addConnection(page, url!, 'e2e mariadb types', /MariaDB|\d+\.\d+/)
      await queryOn(page, 'e2e mariadb types', 'SELECT id, size, n FROM quarry_e2e.e2e_types ORDER BY id')
      await activePanel(page).getByTestId(TID.runButton).click()
      await expect(status(page)).toHaveAttribute('data-status', 'done')
      const panel = activePanel(page)
      await cell(page, 0, 1).dblclick()
      const editor = panel.getByTestId(TID.cellEditor)
      await expect(editor.locator('option')).toHaveText(['small', 'medium', 'large'])
      await editor.selectOption('medium')
      await editor.press('Enter')
      await expect(cell(page, 0, 1)).toHaveText('medium')
      await cell(page, 1, 2).dblclick()
      await panel.getByTestId(TID.cellEditor).fill('18446744073709551615')
      await panel.getByTestId(TID.cellEditor).press('Enter')
      await expect(cell(page, 1, 2)).toHaveText('18446744073709551615')
      await bar(page).getByTestId(TID.editsReview).click()
      const review = page.getByTestId(TID.reviewDialog)
      await expect(review.getByTestId(TID.reviewStatement)).toHaveCount(2)
      await expect(review.getByTestId(TID.reviewSql)).toContainText('18446744073709551615')
      await review.getByTestId(TID.reviewApply).click()
      await expect(bar(page).getByTestId(TID.editsOutcome)).toContainText('2 statements applied (committed)')
      expect(await server('SELECT id, size, CAST(n AS CHAR) AS n FROM quarry_e2e.e2e_types ORDER BY id')).toEqual([
        { id: 1, size: 'medium', n: '1' },
        { id: 2, size: 'large', n: '18446744073709551615' },
      ])
    } finally {
      await server('DROP TABLE IF EXISTS quarry_e2e.e2e_types')
    }
  })
})
