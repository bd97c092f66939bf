import { Writable } from 'node:stream'
import type * as Fs from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { FileSink } from '../../../src/main/services/export/file-sink'

/**
 * createWriteStream replaced by a stream whose second disk write fails (EIO), as a full or failing
 * disk does: the failure arrives between FileSink's writes, while nobody waits on the stream.
 */
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof Fs>()
  return {
    ...fs,
    createWriteStream: () => {
      let writes = 0
      const stream = new Writable({
        highWaterMark: 1 << 20,
        write(_chunk, _encoding, callback) {
          writes++
          setTimeout(
            () => callback(writes === 2 ? Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }) : null),
            5,
          )
        },
      })
      process.nextTick(() => stream.emit('open'))
      return stream
    },
  }
})

describe('FileSink: a disk error between writes', () => {
  it('fails the next write (and the commit) at once instead of hanging or going unhandled', async () => {
    const sink = await FileSink.open('/nonexistent-dir/export.csv', { overwrite: false })
    await sink.write('first\n')
    await sink.write('second\n')
    // Let the failing disk write finish: the error event arrives now, with no write waiting.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = performance.now()
    await expect(sink.write('third\n')).rejects.toThrow(/i\/o error/)
    await expect(sink.commit()).rejects.toThrow(/i\/o error/)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
