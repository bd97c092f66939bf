import type { Locator, Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import type { EngineTarget } from './datasets'
import type { BenchProbes, RunRecord } from './probes'

/** What the UI steps wait for at most. */
const STEP_TIMEOUT = 30_000

const byTestId = (id: string): string => `[data-testid="${id}"]`
export const activePanel = (page: Page): Locator => page.locator('section.tab-panel:not([hidden])')
export const treeNode = (page: Page, kind: string, name: string): Locator =>
  page.locator(`${byTestId(TID.treeNode)}[data-kind="${kind}"][data-name="${name}"]`)

/** A connection as the dialog takes it: a server's URL, or an embedded engine's file (read-only if asked). */
export type DialogTarget = { url: string } | { engine: string; file: string; readOnly?: boolean }

/** What to type into the dialog for an engine's bench data: the file of an embedded engine, else the URL. */
export const dialogTarget = (target: EngineTarget, wide = false): DialogTarget => {
  const options = wide ? target.wideOptions : target.options
  return options.file ? { engine: options.engine, file: options.file, readOnly: options.readOnly } : { url: target.url }
}

/** Adds a connection through the dialog as a user does (URL or file, Test, Save). */
export async function addConnection(page: Page, name: string, target: DialogTarget): Promise<void> {
  await page.getByTestId(TID.newConnection).click()
  const dialog = page.getByTestId(TID.connectionDialog)
  await dialog.waitFor({ timeout: STEP_TIMEOUT })
  if ('url' in target) {
    await dialog.getByTestId(TID.connectionUrl).fill(target.url)
    await dialog.getByTestId(TID.connectionUrlApply).click()
  } else {
    await dialog.getByTestId(TID.connectionEngine).selectOption(target.engine)
    await dialog.getByTestId(TID.connectionFile).fill(target.file)
    if (target.readOnly) await dialog.getByTestId(TID.connectionReadOnly).check()
  }
  await dialog.getByTestId(TID.connectionName).fill(name)
  await dialog.getByTestId(TID.connectionTest).click()
  const result = dialog.getByTestId(TID.connectionTestResult)
  await result.locator('xpath=self::*[@data-status="ok" or @data-status="error"]').waitFor({ timeout: STEP_TIMEOUT })
  if ((await result.getAttribute('data-status')) !== 'ok')
    throw new Error(`Connection test failed for ${name}: ${await result.textContent()}`)
  await dialog.getByTestId(TID.connectionSave).click()
  await dialog.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT })
  await treeNode(page, 'connection', name).waitFor({ timeout: STEP_TIMEOUT })
}

/** The name each engine's connection gets in the bench. */
export const connectionName = (target: EngineTarget, wide = false): string =>
  `bench ${target.engine}${wide ? ' wide' : ''}`

/** Opens a SQL editor on a connection from its tree row. */
export async function openEditor(page: Page, connection: string): Promise<void> {
  const row = treeNode(page, 'connection', connection)
  await row.hover()
  await row.getByTestId(TID.connectionQuery).click()
  await activePanel(page).getByTestId(TID.editor).waitFor({ timeout: STEP_TIMEOUT })
}

/** Replaces the active editor's text. */
export async function setSql(page: Page, sql: string): Promise<void> {
  const editor = activePanel(page).getByTestId(TID.editor).locator('.cm-content')
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.insertText(sql)
}

/** Calls a probe method in the page. */
export function probe<K extends keyof BenchProbes>(page: Page, method: K): Promise<ReturnType<BenchProbes[K]>> {
  return page.evaluate((name) => {
    const probes = (window as unknown as { __quarryBench: Record<string, () => unknown> }).__quarryBench
    return probes[name]!()
  }, method as string) as Promise<ReturnType<BenchProbes[K]>>
}

/** Arms the run probe and presses Ctrl+Enter in the editor (the editor must have focus). */
export async function startRun(page: Page): Promise<void> {
  await probe(page, 'armRun')
  await page.keyboard.press('ControlOrMeta+Enter')
}

/** Waits until the run probe saw the status line leave "running". */
export async function waitForRunEnd(page: Page, timeoutMs: number): Promise<RunRecord> {
  await page.waitForFunction(
    () => (window as unknown as { __quarryBench: BenchProbes }).__quarryBench.readRun()?.endAt != null,
    null,
    { timeout: timeoutMs, polling: 100 },
  )
  return (await probe(page, 'readRun'))!
}

/**
 * Runs a one-row query to its end (a setup step, not measured). Its end is told by the status line
 * saying done with 1 row: a quick run may never show "running", as the status line repaints at
 * most once a frame, so the run probe (which waits for "running" first) does not fit it.
 */
export async function runOneRow(page: Page, sql: string): Promise<void> {
  await setSql(page, sql)
  await page.keyboard.press('ControlOrMeta+Enter')
  const done = `${byTestId(TID.status)}[data-status="done"] ${byTestId(TID.statusRows)}[data-count="1"]`
  await activePanel(page).locator(done).waitFor({ timeout: 60_000 })
}

/** Expands a tree node if it is collapsed and waits for it to say so. */
export async function expand(node: Locator): Promise<void> {
  await node.waitFor({ timeout: STEP_TIMEOUT })
  if ((await node.getAttribute('aria-expanded')) !== 'true') await node.click()
  await node.locator('xpath=self::*[@aria-expanded="true"]').waitFor({ timeout: STEP_TIMEOUT })
}

/** The first tree node of a kind listed after `node` (its first child level once expanded). */
export const nextNode = (node: Locator, kind: string, name?: string): Locator =>
  node.locator(`xpath=following-sibling::*[@data-kind="${kind}"${name ? ` and @data-name="${name}"` : ''}][1]`)

/** The statement the active Data view says it ran, and its bound values (`#1 = 'text'`). */
export async function shownStatement(page: Page): Promise<{ sql: string; params: string[] }> {
  const sql = (await activePanel(page).getByTestId(TID.generatedSql).textContent()) ?? ''
  const shown = activePanel(page).getByTestId(TID.generatedParams)
  const text = (await shown.count()) > 0 ? ((await shown.textContent()) ?? '') : ''
  return { sql, params: [...text.matchAll(/#\d+ = '((?:[^']|'')*)'/g)].map((m) => m[1]!.replaceAll("''", "'")) }
}
