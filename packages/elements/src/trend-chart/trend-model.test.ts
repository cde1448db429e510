import { expect } from '@open-wc/testing';
import { defaultPolicy, type Breakdown, type TrendSeries } from '@ontrack/rules';
import { levelLooks } from '../shared/levels.js';
import { buildModel, columnsOf, stackOf } from './trend-model.js';

const looks = [...levelLooks(defaultPolicy).values()];

function bd(counts: Record<string, number> | null, pupils = 10): Breakdown {
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : pupils;
  const percent = counts ? Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10])) : null;
  return { filter: {}, label: 'x', date: '2026-11-16', pupils, total, untracked: 0, counts, percent, suppressed: counts === null };
}

const a: TrendSeries = {
  label: 'A',
  filter: {},
  points: [
    { label: 'Now', date: '2026-11-16', live: true, breakdown: bd({ below: 1, on: 8, above: 1 }) },
    { label: 'Autumn 1', date: '2026-10-23', halfTermId: 'aut1', live: false, breakdown: bd({ below: 2, on: 6, above: 2 }) },
  ],
};
const b: TrendSeries = {
  label: 'B',
  filter: {},
  points: [
    { label: 'Summer 2', date: '2026-07-17', halfTermId: 'sum2', live: false, breakdown: bd(null, 3) },
    { label: 'Now', date: '2026-11-16', live: true, breakdown: bd({ below: 0, on: 5, above: 5 }) },
  ],
};

describe('trend model', () => {
  it('columnsOf takes the union of the series’ points in date order, the live point last', () => {
    expect(columnsOf([a, b]).map((c) => c.label)).to.deep.equal(['Summer 2', 'Autumn 1', 'Now']);
  });

  it('stackOf stacks the levels from the highest at the bottom up to 100', () => {
    const stack = stackOf(bd({ below: 2, on: 6, above: 2 }), looks);
    expect(stack.get('above')).to.deep.equal([0, 20]);
    expect(stack.get('on')).to.deep.equal([20, 80]);
    expect(stack.get('below')).to.deep.equal([80, 100]);
    expect(stackOf(bd(null), looks).size).to.equal(0);
  });

  it('buildModel draws a missing point as absent and a suppressed one as a gap', () => {
    const model = buildModel([a, b], 'lines', looks, 'on');
    const row = model.rows[1]!;
    expect(row.cells.map((c) => c.y)).to.deep.equal([null, null, 100]);
    expect(row.cells.map((c) => c.suppressed)).to.deep.equal([true, false, false]);
    expect(row.cells[1]!.breakdown).to.equal(undefined);
    expect(model.measure?.level.id).to.equal('on');
  });

  it('buildModel reads the one level a pupil holds for a trajectory', () => {
    const pupil: TrendSeries = { label: 'Maths', filter: {}, points: [{ label: 'Now', date: '2026-11-16', live: true, breakdown: bd({ below: 0, on: 0, above: 1 }, 1) }] };
    const model = buildModel([pupil], 'trajectory', looks, undefined);
    expect(model.rows[0]!.cells[0]).to.include({ y: 2, level: 'above' });
  });
});
