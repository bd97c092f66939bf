import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A small tmpfs to fill up, or why there is none (mounting needs root or CAP_SYS_ADMIN). */
export type SmallDisk = { dir: string; unmount(): void } | { dir: null; reason: string }

/** Mounts a tmpfs of `size` (e.g. '1m') on a fresh directory, so a test can run out of space. */
export function mountSmallDisk(size: string): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-small-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
      timeout: 10_000,
    })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    const why = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error)
    return { dir: null, reason: `cannot mount a tmpfs here (${why})` }
  }
  return {
    dir,
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe', timeout: 10_000 })
      } catch {
        // Still busy (a failed test left a file open): detach it now, it goes once the file closes.
        execFileSync('umount', ['-l', dir], { stdio: 'pipe', timeout: 10_000 })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
