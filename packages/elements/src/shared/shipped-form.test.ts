import { expect } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import { OnTrackCohortGauge } from '../cohort-gauge/cohort-gauge.js';
import { OnTrackProvider } from '../provider/provider.js';
import { OnTrackStatusGrid } from '../status-grid/status-grid.js';
import { OnTrackTrendChart } from '../trend-chart/trend-chart.js';

// The build rewrites Lit's decorators as `static properties` (scripts/lit-static-properties.mjs);
// the browser tests load the elements through the same rewrite, so they test what ships.
describe('the elements as they ship', () => {
  const elements = { 'ontrack-provider': OnTrackProvider, 'ontrack-status-grid': OnTrackStatusGrid, 'ontrack-cohort-gauge': OnTrackCohortGauge, 'ontrack-trend-chart': OnTrackTrendChart };

  for (const [tag, cls] of Object.entries(elements)) {
    it(`${tag}: is defined under its tag and declares its reactive properties statically`, () => {
      expect(customElements.get(tag)).to.equal(cls);
      expect(Object.prototype.hasOwnProperty.call(cls, 'properties')).to.equal(true);
      expect(cls.elementProperties.size).to.be.greaterThan(3);
    });
  }

  it('initial values go through the reactive setters: the first update sees them as changed, and they reflect', async () => {
    const grid = new OnTrackStatusGrid();
    let first: Map<PropertyKey, unknown> | undefined;
    const willUpdate = grid['willUpdate'].bind(grid);
    grid['willUpdate'] = (changed: PropertyValues<OnTrackStatusGrid>): void => {
      first ??= new Map(changed);
      willUpdate(changed);
    };
    grid.readonly = true;
    document.body.append(grid);
    await grid.updateComplete;
    expect(first?.has('label')).to.equal(true);
    expect(first?.has('readonly')).to.equal(true);
    expect(grid.hasAttribute('readonly')).to.equal(true);
    grid.remove();
  });

  it('a property set before the element is connected is kept', async () => {
    const chart = document.createElement('ontrack-trend-chart');
    chart.label = 'Set early';
    document.body.append(chart);
    await chart.updateComplete;
    expect(chart.label).to.equal('Set early');
    chart.remove();
  });
});
