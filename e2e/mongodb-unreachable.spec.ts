import { createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { test, expect } from './fixtures/browser-mode'
import { TID } from '../src/renderer/src/test-ids'

/** A port on 127.0.0.1 where nothing listens (taken, then freed). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

test.describe('MongoDB: unreachable servers fail fast, in plain words', () => {
  test('a port where nothing listens, pasted as a mongodb:// URL', async ({ app: page }) => {
    const port = await freePort()
    await page.getByTestId(TID.newConnection).click()
    const dialog = page.getByTestId(TID.connectionDialog)
    await dialog
      .getByTestId(TID.connectionUrl)
      .fill(`mongodb://ada@127.0.0.1:${port}/shop?authSource=admin&connectTimeoutMS=2000`)
    await dialog.getByTestId(TID.connectionUrlApply).click()
    // The URL filled MongoDB's own fields.
    await expect(dialog.getByTestId(TID.connectionEngine)).toHaveValue('mongodb')
    await expect(dialog.getByTestId(TID.connectionAuthDatabase)).toHaveValue('admin')
    await expect(dialog.getByTestId(TID.connectionPort)).toHaveValue(String(port))
    const started = Date.now()
    await dialog.getByTestId(TID.connectionTest).click()
    const result = dialog.getByTestId(TID.connectionTestResult)
    await expect(result).toHaveAttribute('data-status', 'error', { timeout: 10_000 })
    const elapsed = Date.now() - started
    console.log(`[measure] MongoDB refused port → error shown after ${elapsed} ms`)
    await expect(result).toContainText(/refused the connection/i)
    await expect(result).toContainText(`127.0.0.1:${port}`)
    // Under the URL's 2 s timeout: a refused port ends the attempt at once, not after the timeout.
    expect(elapsed).toBeLessThan(2_000)
  })

  test('a server that accepts TCP and never answers, with a 2 s timeout typed in the dialog', async ({ app: page }) => {
    const sockets = new Set<Socket>()
    const silent: Server = createServer((socket) => {
      sockets.add(socket) // held open, never answered
      socket.on('error', () => {})
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    try {
      await page.getByTestId(TID.newConnection).click()
      const dialog = page.getByTestId(TID.connectionDialog)
      await dialog.getByTestId(TID.connectionEngine).selectOption('mongodb')
      await dialog.getByTestId(TID.connectionHost).fill('127.0.0.1')
      await dialog.getByTestId(TID.connectionPort).fill(String(port))
      await dialog.getByTestId(TID.connectionTimeout).fill('2')
      await expect(dialog.getByTestId(TID.connectionSrv)).not.toBeChecked()
      await dialog.getByTestId(TID.connectionSslMode).selectOption('disable')
      const started = Date.now()
      await dialog.getByTestId(TID.connectionTest).click()
      const result = dialog.getByTestId(TID.connectionTestResult)
      await expect(result).toHaveAttribute('data-status', 'error', { timeout: 15_000 })
      const elapsed = Date.now() - started
      console.log(`[measure] MongoDB silent server (2 s timeout) → error shown after ${elapsed} ms`)
      await expect(result).toContainText(/timed out|did not answer/i)
      expect(sockets.size).toBeGreaterThan(0)
      expect(elapsed).toBeGreaterThan(1_500)
      expect(elapsed).toBeLessThan(6_000)
    } finally {
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })
})
