import type { BenchEngine } from './measures'
import type { Rejected, Samples } from './summary'

/** Collects every figure of the run as it is measured, and the ones thrown away with why. */
export class Recorder {
  readonly samples: Samples = {}
  readonly rejected: Rejected[] = []
  readonly notes: string[] = []
  /** Server, library and browser versions, for the report. */
  readonly versions: Record<string, string> = {}

  record(engine: BenchEngine, measure: string, value: number | null): void {
    if (value === null || !Number.isFinite(value)) {
      this.reject(engine, measure, 'not measurable here')
      return
    }
    const byMeasure = (this.samples[engine] ??= {})
    ;(byMeasure[measure] ??= []).push(value)
    console.log(`[bench] ${engine} ${measure} = ${Number.isInteger(value) ? value : value.toFixed(2)}`)
  }

  reject(engine: BenchEngine, measure: string, reason: string): void {
    this.samples[engine] ??= {}
    this.rejected.push({ engine, measure, reason })
    console.log(`[bench] ${engine} ${measure}: run rejected (${reason})`)
  }

  note(text: string): void {
    this.notes.push(text)
    console.log(`[bench] note: ${text}`)
  }
}
