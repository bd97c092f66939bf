import { randomUUID } from 'node:crypto'

/**
 * When a host's catalog may have changed: counted before and after every statement that is not a
 * read (DDL, a COMMIT or ROLLBACK, ATTACH, CALL, an import…), in any session of the host. While a
 * host holds its database no other process can write it (DuckDB locks the file), so two equal
 * epochs around a catalog read mean nothing changed it: main may keep what it read. The nonce
 * tells a respawned host's count from the last one's.
 */
export class CatalogEpoch {
  private readonly nonce = randomUUID()
  private changes = 0

  /** The epoch now. */
  current(): string {
    return `${this.nonce}:${this.changes}`
  }

  /** Marks a change starting or ending (a read that overlaps it is then not kept). */
  change(): void {
    this.changes++
  }

  /** Work that may change the catalog, marked before it starts and after it ends, even failing. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    this.change()
    try {
      return await work()
    } finally {
      this.change()
    }
  }
}
