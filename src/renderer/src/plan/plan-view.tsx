import { useMemo, useState } from 'react'
import type { QueryPlan } from '../../../shared/contract'
import { TID } from '../test-ids'
import { rankPlan } from './plan-rank'
import type { RankedNode } from './plan-rank'

const number = (value: number | null, digits = 2): string | null =>
  value === null ? null : value.toLocaleString('en-US', { maximumFractionDigits: digits })

/** A plan as a tree: estimates (and actuals when analysed) per node, the most expensive highlighted. */
export function PlanView({ plan }: { plan: QueryPlan }) {
  const { tree, metric } = useMemo(() => rankPlan(plan.root), [plan])
  const ranking =
    metric === 'time'
      ? 'Highlighted: the nodes taking the most measured time.'
      : metric === 'cost'
        ? 'Highlighted: the nodes with the highest estimated cost.'
        : 'This engine gives no cost estimates to rank by.'
  return (
    <div className="plan-view" data-testid={TID.planView} data-analyzed={plan.analyzed}>
      <div className="plan-caption">
        <code>{plan.explainSql.length > 200 ? `${plan.explainSql.slice(0, 200)}…` : plan.explainSql}</code>
        <span>{ranking}</span>
      </div>
      <ul className="plan-tree" role="tree">
        <PlanRow ranked={tree} depth={0} />
      </ul>
    </div>
  )
}

function PlanRow({ ranked, depth }: { ranked: RankedNode; depth: number }) {
  const [open, setOpen] = useState(false)
  const { node } = ranked
  const figures = [
    ['rows', number(node.estimatedRows, 0)],
    ['cost', number(node.estimatedCost)],
    ['actual rows', number(node.actualRows, 0)],
    ['time', node.actualTimeMs === null ? null : `${number(node.actualTimeMs, 3)} ms`],
    ['share', ranked.share === null ? null : `${Math.round(ranked.share * 100)}%`],
  ].filter((pair): pair is [string, string] => pair[1] !== null)
  return (
    <li role="treeitem" aria-expanded={open}>
      <div
        className={`plan-node${ranked.hot ? ' plan-hot' : ''}`}
        data-testid={TID.planNode}
        data-hot={ranked.hot}
        data-label={node.label}
        style={{ paddingLeft: 8 + depth * 18 }}
        onClick={() => setOpen(!open)}
        title={node.details.length ? 'Show details' : undefined}
      >
        <span className="plan-label">{node.label}</span>
        {figures.map(([name, value]) => (
          <span key={name} className="plan-figure">
            {name} <b>{value}</b>
          </span>
        ))}
      </div>
      {open && node.details.length > 0 ? (
        <dl className="plan-details" style={{ marginLeft: 26 + depth * 18 }}>
          {node.details.map(([name, value], i) => (
            <div key={`${name}-${i}`}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {ranked.children.length > 0 ? (
        <ul role="group">
          {ranked.children.map((child) => (
            <PlanRow key={child.path} ranked={child} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  )
}
