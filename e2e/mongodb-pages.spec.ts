import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { activePanel, cell, status, treeNode } from './fixtures/actions'
import { expect, test } from './fixtures/browser-mode'
import { addConnection, expand } from './fixtures/connections'
import { startFakeMongodb } from './fixtures/fake-mongodb-server'

const SHOTS = process.env['QUARRY_SHOTS_DIR']
const pages = (page: Page) => activePanel(page).getByTestId(TID.tablePages)

/** Screenshots at both sizes in both themes, when QUARRY_SHOTS_DIR asks for them. */
async function shots(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId(TID.themeSwitch).selectOption(theme)
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}-${theme}.png` })
    }
  }
  await page.getByTestId(TID.themeSwitch).selectOption('light')
}

// No MongoDB server can be installed here: a wire-protocol fake answers (e2e/fixtures/fake-mongodb-server.ts).
test('a collection opens as one find of 300 documents, reads the next 1,000 after the last _id as the view scrolls, and Fetch all reads the rest', async ({
  app: page,
}) => {
  const fake = await startFakeMongodb(5_000)
  try {
    await addConnection(page, `mongodb://127.0.0.1:${fake.port}/shop?tls=false`, 'fake mongo', /7\.0\.0-fake/)
    await expand(page, 'connection', 'fake mongo')
    await expand(page, 'database', 'shop')
    await treeNode(page, 'table', 'events').click()
    await expect(cell(page, 0, 0)).toHaveText('0')
    await expect(status(page)).toHaveAttribute('data-status', 'done')

    // One find limited to the page, sorted by _id: the server sent 300 documents of 5,000.
    await expect(pages(page)).toHaveAttribute('data-count', '300')
    await expect(pages(page)).toHaveAttribute('data-mode', 'keyset')
    await expect(pages(page)).toContainText('300 documents loaded · more')
    expect(fake.finds).toHaveLength(1)
    expect(fake.finds[0]).toMatchObject({ limit: 300, sort: { _id: 1 }, sent: 300 })
    await expect(activePanel(page).getByTestId(TID.generatedSql)).toHaveText(
      'db.getCollection("events").find({}).sort({"_id":1}).limit(300)',
    )
    await expect(activePanel(page).getByTestId(TID.tableFilterWhere)).toHaveAttribute('placeholder', /\$lt/)
    await shots(page, 'collection-first-page')

    // The view nears the end: the next page is the documents after the last _id, and only those.
    await activePanel(page)
      .getByTestId(TID.gridScroller)
      .evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect(pages(page)).toHaveAttribute('data-count', '1300')
    await expect(pages(page)).toContainText('1,300 documents loaded · more')
    expect(fake.finds).toHaveLength(2)
    expect(fake.finds[1]).toMatchObject({ limit: 1000, sent: 1000 })
    expect(fake.finds[1]!.filter.$or[0]).toEqual({ _id: { $gt: 299 } })
    // The fields of the first page keep their places; `note` (every 10th document) is one of them.
    const headers = activePanel(page).getByTestId(TID.gridHeader)
    await expect(headers).toHaveText([/_id/, /kind/, /amount/, /note/])

    await activePanel(page).getByTestId(TID.fetchAll).click()
    await expect(pages(page)).toContainText('all 5,000 documents loaded')
    expect(fake.finds).toHaveLength(3)
    expect(fake.finds[2]).toMatchObject({ limit: 0, sent: 3_700 })
    await shots(page, 'collection-all-loaded')
  } finally {
    await fake.close()
  }
})

test('a header sort pages by skip in (field, _id) order; the filter document and a typed condition reach the server', async ({
  app: page,
}) => {
  const fake = await startFakeMongodb(2_000)
  // The app (and its saved connections) is shared by the worker's tests: a name of its own.
  try {
    await addConnection(page, `mongodb://127.0.0.1:${fake.port}/shop?tls=false`, 'fake mongo sorted', /7\.0\.0-fake/)
    await expand(page, 'connection', 'fake mongo sorted')
    await expand(page, 'database', 'shop')
    await treeNode(page, 'table', 'events').click()
    await expect(pages(page)).toHaveAttribute('data-count', '300')

    const amount = activePanel(page).locator(`[data-testid="${TID.gridHeader}"][data-col="2"]`)
    await amount.click()
    await expect(amount).toHaveAttribute('data-sort', 'asc')
    await expect(pages(page)).toHaveAttribute('data-mode', 'offset')
    await expect(pages(page)).toHaveAttribute('data-count', '300')
    expect(fake.finds.at(-1)).toMatchObject({ sort: { amount: 1, _id: 1 }, skip: 0, limit: 300 })
    await activePanel(page)
      .getByTestId(TID.gridScroller)
      .evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect(pages(page)).toHaveAttribute('data-count', '1300')
    expect(fake.finds.at(-1)).toMatchObject({ sort: { amount: 1, _id: 1 }, skip: 300, limit: 1000 })

    const bar = activePanel(page).getByTestId(TID.tableFilter)
    await bar.getByTestId(TID.tableFilterWhere).fill('{ kind: { $in: ["click", "buy"] } } // mine')
    await bar.getByTestId(TID.tableFilterAdd).click()
    const condition = bar.getByTestId(TID.tableFilterCondition)
    await condition.getByLabel('Field').selectOption('amount')
    await condition.getByLabel('Comparison').selectOption('>=')
    await condition.getByLabel('Value').fill('NumberLong("12")')
    await bar.getByTestId(TID.tableFilterApply).click()
    await expect
      .poll(() => fake.finds.at(-1)?.filter)
      .toEqual({
        $and: [{ kind: { $in: ['click', 'buy'] } }, { amount: { $gte: 12 } }],
      })
    expect(fake.finds.at(-1)).toMatchObject({ skip: 0, limit: 300 })
    await expect(activePanel(page).getByTestId(TID.generatedSql)).toContainText(
      '{"$and":[{"kind":{"$in":["click","buy"]}},{"amount":{"$gte":NumberLong("12")}}]}',
    )
    await shots(page, 'collection-filtered-sorted')

    // The Documents mode reads the next page too, once the documents drawn near the end of those loaded.
    await expect(pages(page)).toHaveAttribute('data-count', '300')
    await activePanel(page).getByTestId(TID.resultModeDocuments).click()
    const more = activePanel(page).getByRole('button', { name: /^Show 50 more/ })
    await more.click()
    await expect(pages(page)).toHaveAttribute('data-count', '300')
    await more.click()
    await expect(pages(page)).toHaveAttribute('data-count', '1300')
    expect(fake.finds.at(-1)).toMatchObject({ skip: 300, limit: 1000 })
  } finally {
    await fake.close()
  }
})
