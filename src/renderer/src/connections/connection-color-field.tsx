import { CONNECTION_COLORS, CONNECTION_COLOR_VALUES } from '../../../shared/contract'
import type { ConnectionColor } from '../../../shared/contract'
import { TID } from '../test-ids'

/** The connection's colour: one swatch per palette colour, as a radio group. */
export function ConnectionColorField(props: {
  value: ConnectionColor | null
  onChange: (color: ConnectionColor) => void
}) {
  return (
    <div className="field-color" role="radiogroup" aria-label="Colour" data-testid={TID.connectionColor}>
      <span className="field-color-label">Colour</span>
      {CONNECTION_COLORS.map((color) => (
        <button
          key={color}
          type="button"
          role="radio"
          aria-checked={props.value === color}
          aria-label={color}
          title={`${color}: its tabs and tree row wear it`}
          data-color={color}
          className="color-swatch"
          style={{ background: CONNECTION_COLOR_VALUES[color] }}
          onClick={() => props.onChange(color)}
        />
      ))}
    </div>
  )
}
