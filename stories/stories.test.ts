import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import * as statusGrid from './status-grid.stories.js';
import * as cohortGauge from './cohort-gauge.stories.js';
import * as trendChart from './trend-chart.stories.js';
import * as provider from './provider.stories.js';

interface StoryLike {
  readonly name?: string;
  readonly render?: (args: Record<string, unknown>, context: unknown) => unknown;
  readonly args?: Record<string, unknown>;
}

const modules: Record<string, Record<string, unknown>> = { statusGrid, cohortGauge, trendChart, provider };

/** Every story of every module: each is rendered and checked with axe. */
for (const [moduleName, mod] of Object.entries(modules)) {
  describe(`${moduleName} stories`, () => {
    for (const [exportName, value] of Object.entries(mod)) {
      if (exportName === 'default') continue;
      const story = value as StoryLike;
      it(`renders ${exportName} with no axe violations`, async () => {
        if (!story.render) throw new Error(`${exportName} has no render function`);
        const el = await fixture<HTMLElement>(story.render(story.args ?? {}, {}) as TemplateResult);
        // Let providers settle (a load is a resolved promise in the memory adapter).
        await new Promise((r) => setTimeout(r, 50));
        await expect(el).to.be.accessible();
      });
    }
  });
}
