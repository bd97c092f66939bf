import type { EngineId } from '../../../../shared/contract'
import type { QuarryClient } from '../../api/quarry-client'
import type { TreeStore } from '../../tree/tree-store'
import { SchemaCatalog } from './schema-catalog'

/** One SchemaCatalog per connection, shared by its editor tabs. */
export class SchemaCatalogs {
  private readonly catalogs = new Map<string, SchemaCatalog>()

  constructor(
    private readonly client: QuarryClient,
    private readonly tree: TreeStore,
  ) {}

  for(connectionId: string, engine: EngineId): SchemaCatalog {
    let catalog = this.catalogs.get(connectionId)
    if (!catalog) {
      catalog = new SchemaCatalog(this.client, this.tree, connectionId, engine)
      this.catalogs.set(connectionId, catalog)
    }
    return catalog
  }

  /** Forgets what was loaded for a connection (edited or deleted); open editors keep their catalog. */
  forget(connectionId: string): void {
    this.catalogs.get(connectionId)?.reset()
  }
}
