import { createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import type { Page } from '@playwright/test'
import { TID } from '../src/renderer/src/test-ids'
import { expect, test } from './fixtures/browser-mode'

/** A port on 127.0.0.1 where nothing listens (taken, then given back). */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** Fills the dialog for a SQL Server on 127.0.0.1:port with a 1 s connect timeout, and presses Test. */
async function testSqlServer(page: Page, port: number): Promise<{ text: string; ms: number }> {
  await page.getByTestId(TID.newConnection).click()
  const dialog = page.getByTestId(TID.connectionDialog)
  await expect(dialog).toBeVisible()
  await dialog.getByTestId(TID.connectionEngine).selectOption('mssql')
  await expect(dialog.getByTestId(TID.connectionInstance)).toBeVisible()
  await expect(dialog.getByTestId(TID.connectionEncrypt)).toHaveValue('mandatory')
  await dialog.getByTestId(TID.connectionHost).fill('127.0.0.1')
  await dialog.getByTestId(TID.connectionPort).fill(String(port))
  await dialog.getByTestId(TID.connectionUser).fill('sa')
  await dialog.getByTestId(TID.connectionPassword).fill('not-a-real-password')
  await dialog.getByTestId(TID.connectionTrustCertificate).check()
  await dialog.getByTestId(TID.connectionTimeout).fill('1')
  const started = Date.now()
  await dialog.getByTestId(TID.connectionTest).click()
  const result = dialog.getByTestId(TID.connectionTestResult)
  await expect(result).toHaveAttribute('data-status', 'error', { timeout: 10_000 })
  const ms = Date.now() - started
  const text = (await result.textContent()) ?? ''
  await dialog.getByTestId(TID.connectionCancel).click()
  return { text, ms }
}

test.describe('SQL Server, unreachable', () => {
  const sockets = new Set<Socket>()
  let silent: Server

  test.beforeAll(async () => {
    // Accepts TCP connections and never says a word: no prelogin answer, ever.
    silent = createServer((socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  })
  test.afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => silent.close(resolve))
  })

  test('a port where nothing listens fails at once, saying the connection was refused', async ({ app: page }, info) => {
    const { text, ms } = await testSqlServer(page, await freePort())
    expect(text).toMatch(/refused/i)
    expect(text).toContain('127.0.0.1')
    expect(ms).toBeLessThan(3_000)
    info.annotations.push({ type: 'measure', description: `refused: error shown after ${ms} ms` })
    console.log(`[measure] mssql refused port: error shown after ${ms} ms`)
  })

  test('a server that accepts TCP and never answers fails after the 1 s connect timeout', async ({
    app: page,
  }, info) => {
    const { port } = silent.address() as { port: number }
    const { text, ms } = await testSqlServer(page, port)
    expect(text).toMatch(/timed out|did not answer/i)
    expect(text).toContain(`127.0.0.1:${port}`)
    expect(ms).toBeGreaterThanOrEqual(900)
    expect(ms).toBeLessThan(5_000)
    info.annotations.push({ type: 'measure', description: `silent server: error shown after ${ms} ms` })
    console.log(`[measure] mssql silent server: error shown after ${ms} ms`)
  })
})
