import { useRef } from 'react'
import type { KeyboardEvent, PointerEvent } from 'react'

export interface SplitterProps {
  /** `vertical`: a bar between left and right panes, moved along x; `horizontal`: between top and bottom. */
  orientation: 'vertical' | 'horizontal'
  label: string
  testId: string
  /** The size of the pane before the splitter, in the caller's unit. */
  value: number
  min: number
  max: number
  /** Pixels per unit of `value`, read when a drag or key press starts (1 for pixel sizes). */
  pixelsPerUnit: () => number
  onResize: (value: number) => void
  /** Double-click: back to the default size. */
  onReset: () => void
  /** Enter: collapse or restore the pane (WAI-ARIA window splitter). */
  onToggle?: () => void
  collapsed?: boolean
  /** aria-valuenow, as the pane's size is best said (pixels or percent). */
  valueText: string
}

const STEP_PX = 16
const BIG_STEP_PX = 64

/**
 * A focusable splitter: drag it, or focus it and use the arrows (Shift: bigger steps), Home/End,
 * Enter to collapse; double-click resets. Sizes go through `onResize` to the layout store.
 */
export function Splitter(props: SplitterProps) {
  const drag = useRef<{ start: number; value: number; scale: number } | null>(null)
  const along = (event: { clientX: number; clientY: number }): number =>
    props.orientation === 'vertical' ? event.clientX : event.clientY

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    event.currentTarget.focus()
    drag.current = { start: along(event), value: props.collapsed ? 0 : props.value, scale: props.pixelsPerUnit() }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const current = drag.current
    if (!current || current.scale <= 0) return
    props.onResize(current.value + (along(event) - current.start) / current.scale)
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    drag.current = null
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const [less, more] = props.orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown']
    const scale = props.pixelsPerUnit()
    const step = (event.shiftKey ? BIG_STEP_PX : STEP_PX) / (scale > 0 ? scale : 1)
    const next =
      event.key === less
        ? props.value - step
        : event.key === more
          ? props.value + step
          : event.key === 'Home'
            ? props.min
            : event.key === 'End'
              ? props.max
              : null
    if (next !== null) {
      event.preventDefault()
      props.onResize(next)
    } else if (event.key === 'Enter' && props.onToggle) {
      event.preventDefault()
      props.onToggle()
    }
  }
  return (
    <div
      className={`splitter splitter-${props.orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={props.label}
      aria-orientation={props.orientation}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      aria-valuenow={props.collapsed ? props.min : props.value}
      aria-valuetext={props.valueText}
      data-testid={props.testId}
      data-collapsed={props.collapsed ? '' : undefined}
      title={`${props.label}: drag or use the arrow keys; double-click to reset${props.onToggle ? '; Enter collapses' : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={props.onReset}
      onKeyDown={onKeyDown}
    />
  )
}
