import './server-messages.css'
import type { ServerMessage } from '../../../shared/contract'
import { TID } from '../test-ids'
import type { ResultSet } from './result-set'
import { firstLine } from './run-format'

/** What a statement without rows did: its command tag (the server's words), rows changed, and its messages. */
export function CommandSummary({ result }: { result: ResultSet }) {
  const affected =
    result.affectedRows === null || result.command?.endsWith(` ${result.affectedRows}`)
      ? null
      : `${result.affectedRows.toLocaleString('en-US')} row${result.affectedRows === 1 ? '' : 's'} affected`
  return (
    <div className="command-summary-box">
      <div className="command-summary" data-testid={TID.commandSummary}>
        <strong className="command-tag" data-testid={TID.commandTag}>
          {result.command ?? 'Done'}
        </strong>
        {affected ? <span>{affected}</span> : null}
        <code>{firstLine(result.sql)}</code>
      </div>
      <ServerMessages messages={result.messages} />
    </div>
  )
}

/** The notices and warnings the server sent while a statement ran, in order. */
export function ServerMessages({ messages }: { messages: readonly ServerMessage[] }) {
  if (messages.length === 0) return null
  return (
    <ul className="server-messages" data-testid={TID.serverMessages} aria-label="Server messages">
      {messages.map((message, index) => (
        <li
          key={index}
          className={`server-message server-message-${message.severity}`}
          data-severity={message.severity}
        >
          <span className="server-message-severity">{message.severity.toUpperCase()}</span>
          {message.code ? <span className="server-message-code">{message.code}</span> : null}
          <span className="server-message-text">{message.text}</span>
        </li>
      ))}
    </ul>
  )
}
