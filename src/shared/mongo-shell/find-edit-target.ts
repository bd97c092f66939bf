import { parseShellScript } from './shell-command'
import type { ShellValue } from './shell-value'

/** The collection a query result's documents can be edited in, or why they cannot. */
export type FindEditTarget = { editable: true; collection: string } | { editable: false; message: string }

/** A projection that only picks top-level fields (1/0, true/false): every value shown is a field as stored. */
function plainProjection(projection: ShellValue | null): boolean {
  if (projection === null) return true
  if (projection.kind !== 'object') return false
  return projection.entries.every(
    ([field, value]) =>
      !field.includes('.') &&
      !field.startsWith('$') &&
      (value.kind === 'bool' || (value.kind === 'number' && (value.value === 0 || value.value === 1))),
  )
}

/**
 * Whether a shell statement's result shows documents of one collection as stored, so they can be
 * edited by _id: a find (filter, sort, skip, limit as you like) whose projection, if any, only
 * picks top-level fields. An aggregate reshapes documents; a projection with expressions, nested
 * paths or $slice shows values that are not the stored fields.
 */
export function findEditTarget(statement: string): FindEditTarget {
  let command
  try {
    const statements = parseShellScript(statement)
    if (statements.length !== 1) return { editable: false, message: 'Read-only: run one find to edit its documents' }
    command = statements[0]!.command
  } catch {
    return { editable: false, message: 'Read-only: not a find on one collection' }
  }
  if (command.op !== 'find')
    return {
      editable: false,
      message: `Read-only: documents are edited from a find on one collection (this is ${command.op === 'aggregate' ? 'an aggregate: its stages reshape them' : `a ${command.op}`})`,
    }
  if (!plainProjection(command.projection))
    return {
      editable: false,
      message:
        'Read-only: the projection computes, nests or slices fields; pick top-level fields only (1 or 0) to edit',
    }
  return { editable: true, collection: command.collection }
}
