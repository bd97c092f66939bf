import { CONNECTION_EXPORT_FORMAT, connectionExportSchema, connectionProfileSchema } from '../../shared/contract'
import type { ConnectionImportReport, ConnectionProfile } from '../../shared/contract'
import { QuarryFailure } from '../../shared/contract'
import type { ConnectionStore } from './connection-store'

/** The saved connections as export text: profiles only (a profile never holds a secret). */
export function exportConnections(store: ConnectionStore): { text: string; count: number } {
  const connections = store.list().map((saved) => saved.profile)
  const file = { format: CONNECTION_EXPORT_FORMAT, version: 1, exportedAt: new Date().toISOString(), connections }
  return { text: `${JSON.stringify(file, null, 2)}\n`, count: connections.length }
}

/** Hands out free names: `name`, or `name (2)`, `name (3)`… whichever is not taken yet. */
export interface FreeNames {
  take(name: string): string
}

/**
 * Free names over `taken`, in linear time overall: each name remembers the next suffix to try,
 * so importing 10,000 entries of one name does not rescan `(2)`…`(n)` for each of them.
 */
export function freeNames(taken: Set<string>): FreeNames {
  const nextSuffix = new Map<string, number>()
  return {
    take(name) {
      let free = name
      if (taken.has(name)) {
        let n = nextSuffix.get(name) ?? 2
        while (taken.has(`${name} (${n})`)) n++
        free = `${name} (${n})`
        nextSuffix.set(name, n + 1)
      }
      taken.add(free)
      return free
    },
  }
}

/**
 * Adds the valid entries of an export file as new connections (without secrets), in one write.
 * Never replaces a saved connection: a name already taken gets a suffix. Each invalid entry is
 * reported with its index and first problem; a file that is not an export at all is an error.
 */
export async function importConnections(store: ConnectionStore, text: string): Promise<ConnectionImportReport> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw invalid(`The file is not JSON (${(error as Error).message})`)
  }
  const file = connectionExportSchema.safeParse(json)
  if (!file.success) {
    const issue = file.error.issues[0]
    throw invalid(
      `The file is not a Quarry connection export (${issue?.path.join('.') || 'top level'}: ${issue?.message})`,
    )
  }
  const names = freeNames(new Set(store.list().map((saved) => saved.profile.name)))
  const accepted: { profile: ConnectionProfile; renamedFrom?: string }[] = []
  const rejected: ConnectionImportReport['rejected'] = []
  file.data.connections.forEach((entry, index) => {
    const parsed = connectionProfileSchema.safeParse(entry)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const name = (entry as { name?: unknown } | null)?.name
      const reason = `${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`
      rejected.push({ index, ...(typeof name === 'string' ? { name: name.slice(0, 200) } : {}), reason })
      return
    }
    const name = names.take(parsed.data.name)
    accepted.push({
      profile: { ...parsed.data, name },
      ...(name !== parsed.data.name ? { renamedFrom: parsed.data.name } : {}),
    })
  })
  const saved = accepted.length > 0 ? await store.add(accepted.map((a) => a.profile)) : []
  const imported = saved.map((s, i) => {
    const renamedFrom = accepted[i]?.renamedFrom
    return { id: s.id, name: s.profile.name, ...(renamedFrom ? { renamedFrom } : {}) }
  })
  return { chosen: true, imported, rejected }
}

const invalid = (message: string) => new QuarryFailure({ kind: 'invalid-input', path: 'text', message })
