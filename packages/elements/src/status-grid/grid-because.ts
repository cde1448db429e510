import type { BecauseItem } from '@ontrack/rules';
import type { Messages } from '../shared/messages.js';

/** Facts whose values are percentages. */
const PERCENT_FACTS = new Set(['attendance']);
/** Facts whose values are level ids, shown by their labels. */
const LEVEL_FACTS = new Set(['status', 'suggested']);

/**
 * One condition of an intervention in words a teacher understands:
 * `{ fact: 'attendance', operator: 'lessThan', value: 90, factValue: 86.5 }` →
 * "attendance is 86.5 %, under 90 %".
 */
export function describeBecause(item: BecauseItem, t: Messages['grid'], levelLabel: (id: string) => string | undefined): string {
  const fact = t.facts[item.fact] ?? item.fact;
  const format = (v: unknown): string => {
    if (v === null || v === undefined) return t.none;
    if (Array.isArray(v)) return v.map(format).join(' / ');
    if (typeof v === 'boolean') return v ? t.yes : t.no;
    if (typeof v === 'number') return PERCENT_FACTS.has(item.fact) ? `${v} %` : String(v);
    if (typeof v === 'string') return LEVEL_FACTS.has(item.fact) ? (levelLabel(v) ?? v) : v;
    if (typeof v === 'object' && 'fact' in v) {
      const other = v.fact;
      return typeof other === 'string' ? (t.facts[other] ?? other) : JSON.stringify(v);
    }
    return JSON.stringify(v);
  };
  if (typeof item.factValue === 'boolean' && item.operator === 'equal') return t.flag(fact, item.factValue);
  return t.condition(fact, item.operator, format(item.value), format(item.factValue));
}
