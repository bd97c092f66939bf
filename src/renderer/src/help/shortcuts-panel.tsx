import { ModalDialog } from '../connections/modal-dialog'
import { SHORTCUTS } from '../editor/shortcuts'
import { TID } from '../test-ids'

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)

/** Every keyboard shortcut (F1). "Mod" is shown as Cmd on macOS, Ctrl elsewhere. */
export function ShortcutsPanel({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" testId={TID.helpPanel} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys.replaceAll('Mod', isMac ? 'Cmd' : 'Ctrl')}</kbd>
              </td>
              <td>{shortcut.action}</td>
              <td className="shortcut-where">{shortcut.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
