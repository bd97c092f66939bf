/**
 * Resolves true once `work` settles (either way), false if `ms` pass first: how an interrupt waits
 * for its statement to stop before it gives the session (or the engine process) up.
 */
export function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  const settled = work.then(
    () => true as const,
    () => true as const,
  )
  return Promise.race([settled, timedOut]).finally(() => clearTimeout(timer))
}
