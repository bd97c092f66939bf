import type { BatchPlan } from '../drivers/driver'

const SIZES = [100, 500, 2000, 5000] as const

/**
 * Small batches first so the first rows paint at once, then larger ones so the rest streams
 * with little per-batch overhead.
 */
export const adaptiveBatchPlan: BatchPlan = (batchIndex) => SIZES[Math.min(batchIndex, SIZES.length - 1)] ?? 5000
