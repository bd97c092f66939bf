import type { ServerMessage } from '../../../shared/contract'
import type { MssqlInfo } from './mssql-client'

/** Most messages kept per statement (a PRINT in a long loop); the rest are counted. */
export const MAX_MESSAGES = 1_000

/**
 * A server message as the tab shows it. PRINT arrives as message number 0 (severity 'info', no
 * code: SSMS shows none); RAISERROR of severity 10 or less and the server's own informational
 * messages (5701 "Changed database context…", 8153 "Null value is eliminated…") carry their
 * number (severity 'notice').
 */
export function infoMessage(info: MssqlInfo): ServerMessage {
  const text = info.message ?? ''
  if (!info.number) return { severity: 'info', text }
  return { severity: 'notice', text, code: String(info.number) }
}

/** The messages of one batch, taken statement by statement as the batch reports them. */
export class MessageLog {
  private messages: ServerMessage[] = []
  private dropped = 0

  add(info: MssqlInfo): void {
    if (this.messages.length < MAX_MESSAGES) this.messages.push(infoMessage(info))
    else this.dropped++
  }

  /** What arrived since the last call (the statement that just ended, or the batch's rest). */
  take(): ServerMessage[] {
    const messages = this.messages
    if (this.dropped > 0) messages.push({ severity: 'info', text: `${this.dropped} more messages were not kept` })
    this.messages = []
    this.dropped = 0
    return messages
  }
}
