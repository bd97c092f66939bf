import { METHOD_NAMES, methods } from '../../shared/contract'
import type { MethodInput, MethodName, MethodOutput, QuarryError, Result } from '../../shared/contract'
import type { ClientSink } from './client-sink'
import { toQuarryError } from './to-quarry-error'

/** The implementation of every request of the contract. */
export type Handlers = {
  [M in MethodName]: (input: MethodInput<M>, client: ClientSink) => Promise<MethodOutput<M>>
}

export type Dispatch = (method: unknown, input: unknown, client: ClientSink) => Promise<Result<unknown>>

const isMethodName = (value: unknown): value is MethodName =>
  typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value)

const invalid = (message: string, path?: string): Result<never> => ({
  ok: false,
  error: { kind: 'invalid-input', message, ...(path ? { path } : {}) },
})

/**
 * Validates a request from an untrusted client against the contract's schema, runs its handler,
 * and answers with a Result. Nothing thrown escapes: the transport always gets a value to send.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, input, client) => {
    if (!isMethodName(method)) return invalid(`Unknown method: ${describe(method)}`)
    const parsed = methods[method].input.safeParse(input ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const path = issue?.path.join('.') ?? ''
      return invalid(`Invalid ${method} request: ${path ? `${path}: ` : ''}${issue?.message ?? 'bad input'}`, path)
    }
    try {
      const handler = handlers[method] as (input: unknown, client: ClientSink) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data, client) }
    } catch (thrown) {
      const error: QuarryError = toQuarryError(thrown)
      return { ok: false, error }
    }
  }
}

/** A short, never-throwing description of what the client sent as a method name. */
function describe(value: unknown): string {
  let text: string
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  } catch {
    // Structured clone (Electron IPC) delivers cycles and BigInts, which JSON cannot spell.
    text = `a ${typeof value}`
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}
