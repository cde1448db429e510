import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@ontrack/elements';
import { createMemoryAdapter, type CohortFilter } from '@ontrack/rules';
import { YEAR_END, fullYear, trustTarget } from './chart-data.js';

const meta = {
  title: 'Elements/Provider',
  component: 'ontrack-provider',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;

type Story = StoryObj;

/** A leader's page: gauges, the trend and the grid all read one provider. */
function page(filter: CohortFilter): ReturnType<typeof html> {
  return html`<ontrack-provider date=${YEAR_END} .adapter=${createMemoryAdapter(fullYear)} .filter=${filter}>
    <ontrack-cohort-gauge compact .target=${trustTarget}></ontrack-cohort-gauge>
    <ontrack-cohort-gauge compact group="pupil-premium" .target=${trustTarget}></ontrack-cohort-gauge>
    <ontrack-trend-chart .target=${trustTarget}></ontrack-trend-chart>
    <ontrack-status-grid label="Pupils" density="compact"></ontrack-status-grid>
  </ontrack-provider>`;
}

/** The whole school: no shared filter. */
export const WholeSchool: Story = {
  render: () => page({}),
};

/** One filter on the provider narrows every element at once: Year 4 maths. */
export const SharedFilter: Story = {
  render: () => page({ yearGroup: 'Y4', subjectId: 'maths' }),
};

/** Filters intersect: the provider's (SEND) and each element's own (pupil premium vs the rest, within SEND). */
export const SharedGroupFilter: Story = {
  render: () => page({ groups: ['send'] }),
};
