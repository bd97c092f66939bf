// Typed here rather than through @types/node: renderer tests (compiled without Node's types) use it too.
const host = globalThis as unknown as { process: { cpuUsage(): { user: number; system: number } } }

/**
 * Milliseconds of CPU this test process has used (user + system, all its threads). Time budgets in
 * tests read this rather than the wall clock: other processes on a loaded machine (parallel test
 * files, other builds) stretch the wall clock, but not the work this process does. Time spent
 * waiting (timers, sockets, other processes) is not counted, so use it only around local work.
 */
export function cpuMs(): number {
  const { user, system } = host.process.cpuUsage()
  return (user + system) / 1000
}
