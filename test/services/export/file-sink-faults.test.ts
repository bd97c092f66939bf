import * as fs from 'node:fs'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FileSink, type StreamFs } from '../../../src/main/services/export/file-sink'
import { endAndClose, waitForDrain } from '../../../src/main/services/export/stream-waits'
import { QuarryFailure } from '../../../src/shared/contract'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-sink-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const enospc = (): NodeJS.ErrnoException =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' })

/** The real fs, except that writes fail with ENOSPC once `room` bytes were written. */
function diskWithRoom(room: number): StreamFs {
  let used = 0
  const write = (fd: number, buffer: Buffer, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (error: Error | null, written?: number) => void
    if (used + buffer.length > room) return setImmediate(() => callback(enospc()))
    used += buffer.length
    return (fs.write as (...args: unknown[]) => void)(fd, buffer, ...rest)
  }
  // No writev: the stream writes chunk by chunk, through `write`.
  return { open: fs.open, close: fs.close, write } as unknown as StreamFs
}

/** Resolves with what `work` settled with, or 'still waiting' after `ms` (the bug: forever). */
const within = (work: Promise<unknown>, ms: number) =>
  Promise.race([
    work.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), ms)),
  ])

describe('FileSink on a disk that fills up', () => {
  it('a write after the disk filled between two writes fails at once with "disk full", and discard removes the part file', async () => {
    const failures: unknown[] = []
    const path = join(dir, 'out.csv')
    const sink = await FileSink.open(path, {
      overwrite: false,
      fs: diskWithRoom(10_000),
      onFailure: (failure) => failures.push(failure),
    })
    await sink.write('x'.repeat(6_000)) // fits, and returns at once (below the stream's buffer size)
    await sink.write('y'.repeat(6_000)) // accepted into the buffer; the disk write fails afterwards
    await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 5_000 }) // told while no write was waiting
    const outcome = await within(sink.write('z'.repeat(2 << 20)), 2_000) // larger than the buffer: used to wait for 'drain' forever
    expect(outcome).toBeInstanceOf(QuarryFailure)
    expect((outcome as QuarryFailure).error).toMatchObject({ code: 'ENOSPC' })
    expect((outcome as QuarryFailure).error.message).toBe(`Disk full (${path}): no space left on device`)
    expect(readdirSync(dir)).toHaveLength(1)
    await sink.discard()
    expect(readdirSync(dir)).toEqual([])
  })

  it('a write waiting for drain when the disk fills ends with the error', async () => {
    const sink = await FileSink.open(join(dir, 'big.csv'), { overwrite: false, fs: diskWithRoom(1 << 20) })
    const outcome = await within(
      sink.write('x'.repeat(3 << 20)).then(() => sink.write('y'.repeat(3 << 20))),
      5_000,
    )
    expect((outcome as QuarryFailure).error?.message).toMatch(/^Disk full/)
    await sink.discard()
    expect(readdirSync(dir)).toEqual([])
  })

  it('commit on a failed file fails with the error and leaves nothing under either name', async () => {
    const path = join(dir, 'c.csv')
    const sink = await FileSink.open(path, { overwrite: false, fs: diskWithRoom(100) })
    await sink.write('x'.repeat(1_000))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await within(sink.commit(), 2_000)).toBeInstanceOf(QuarryFailure)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('stream waits end on every outcome', () => {
  it('waitForDrain rejects when the stream is destroyed while waiting, or was already', async () => {
    const stream = new PassThrough({ highWaterMark: 4 })
    stream.write('more than four bytes')
    const waiting = within(waitForDrain(stream), 1_000)
    stream.destroy()
    expect(await waiting).toBeInstanceOf(Error)
    expect(await within(waitForDrain(stream), 1_000)).toBeInstanceOf(Error)
  })

  it('waitForDrain ends on abort, and at once when nothing needs draining', async () => {
    const stream = new PassThrough({ highWaterMark: 4 })
    expect(await within(waitForDrain(stream), 1_000)).toBe('resolved')
    stream.write('more than four bytes')
    const controller = new AbortController()
    const waiting = within(waitForDrain(stream, controller.signal), 1_000)
    controller.abort()
    expect(await waiting).toMatchObject({ name: 'AbortError' })
    stream.destroy()
  })

  it('endAndClose ends on abort when the stream never closes (a hung file system)', async () => {
    const stuck = new PassThrough() // nobody reads it: it finishes writing but never closes
    stuck.write('data')
    const controller = new AbortController()
    const waiting = within(endAndClose(stuck, controller.signal), 1_000)
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort()
    expect(await waiting).toMatchObject({ name: 'AbortError' })
    stuck.destroy()
  })

  it('endAndClose rejects for a stream that errored, and resolves once a good one closed', async () => {
    const failed = new PassThrough()
    failed.on('error', () => {})
    failed.destroy(enospc())
    expect(await within(endAndClose(failed), 1_000)).toMatchObject({ code: 'ENOSPC' })
    const good = fs.createWriteStream(join(dir, 'good.txt'))
    good.write('ok')
    expect(await within(endAndClose(good), 1_000)).toBe('resolved')
    expect(fs.readFileSync(join(dir, 'good.txt'), 'utf8')).toBe('ok')
  })
})
