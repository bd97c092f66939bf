import { encodeEventFrame } from '../src/shared/contract'
import type { EventMessage, EventName, EventPayloads, EngineId } from '../src/shared/contract'
import type { DriverConnection } from '../src/main/drivers/driver'
import type { ClientSink } from '../src/main/services/client-sink'
import { QueryService } from '../src/main/services/query-service'

/** One result through main's real pipeline: driver → query service → frames as browser mode sends them. */
export interface PipelineTiming {
  rows: number
  firstBatchMs: number
  totalMs: number
  /** Bytes of the frames the transport would have sent. */
  frameBytes: number
  outcome: string
}

/**
 * Runs `sql` through a QueryService on an open driver connection, with a client that encodes each
 * event exactly as the WebSocket transport does and acknowledges each batch at once (the fastest
 * possible renderer), so what is measured is main's own work.
 */
export function runPipeline(
  connection: DriverConnection,
  engine: EngineId,
  sql: string,
  /** Hears each batch of rows as sent (the compare bench keeps them). */
  onBatch?: (batch: EventPayloads['query.batch']) => void,
  /** Hears the result's columns. */
  onColumns?: (names: string[]) => void,
): Promise<PipelineTiming> {
  const service = new QueryService()
  const queryId = 'bench'
  return new Promise((resolve) => {
    const started = performance.now()
    let firstBatchMs = -1
    let frameBytes = 0
    const client: ClientSink = {
      id: 'bench-client',
      emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
        frameBytes += encodeEventFrame({ event, payload } as EventMessage).length
        if (event === 'query.columns')
          onColumns?.((payload as EventPayloads['query.columns']).columns.map((column) => column.name))
        if (event === 'query.batch') {
          if (firstBatchMs < 0) firstBatchMs = performance.now() - started
          const { seq } = payload as EventPayloads['query.batch']
          onBatch?.(payload as EventPayloads['query.batch'])
          service.ack(client, queryId, seq)
        }
        if (event === 'query.end') {
          const end = payload as EventPayloads['query.end']
          const outcome = end.error ? `${end.outcome}: ${end.error.message}` : end.outcome
          resolve({ rows: end.rowCount, firstBatchMs, totalMs: performance.now() - started, frameBytes, outcome })
        }
      },
      onClose() {},
    }
    service.start(client, Promise.resolve(connection), engine, { queryId, sql })
  })
}
