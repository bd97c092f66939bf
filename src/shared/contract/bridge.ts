import type { EventMessage } from './events'
import type { MethodName } from './method-names'
import type { Result } from './errors'

/**
 * What the preload exposes as `window.quarry`: one named function per contract method, and an
 * event subscription. Results arrive as Result values; the typed client in the renderer adds types.
 */
export interface QuarryBridge {
  methods: Record<MethodName, (input: unknown) => Promise<Result<unknown>>>
  onEvent(listener: (message: EventMessage) => void): () => void
  /**
   * The desktop app only: where a file dropped on the window lives (Electron's
   * webUtils.getPathForFile; '' for a file that has none). The page itself never learns paths.
   */
  pathForFile?(file: Blob): string
}
