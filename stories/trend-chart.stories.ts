import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@ontrack/elements';
import { createMemoryAdapter } from '@ontrack/rules';
import { STORY_DATE, failingAdapter, pendingAdapter } from './fixtures.js';
import { YEAR_END, dark, fiveLevelSeries, fiveLevels, fullYear, provided, sized, trustTarget } from './chart-data.js';

const meta = {
  title: 'Elements/Trend chart',
  component: 'ontrack-trend-chart',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;

type Story = StoryObj;

const groups = [{}, { groups: ['pupil-premium'] }, { notGroups: ['pupil-premium'] }, { groups: ['send'] }, { groups: ['eal'] }, { groups: ['girls'] }];

/** Year 4 maths over the whole year: a line per level, six snapshots and the live point. */
export const FullYear: Story = {
  render: () => provided(html`<ontrack-trend-chart .filter=${{ yearGroup: 'Y4', subjectId: 'maths' }}></ontrack-trend-chart>`),
};

/** The same as stacked areas, against the trust's target. */
export const Stacked: Story = {
  render: () => provided(html`<ontrack-trend-chart kind="stacked" .filter=${{ yearGroup: 'Y4', subjectId: 'maths' }} .target=${trustTarget}></ontrack-trend-chart>`),
};

/** Six groups of the school: the share on track or above, against the target. */
export const SeveralGroups: Story = {
  render: () => provided(html`<ontrack-trend-chart .filters=${groups} .target=${trustTarget} label="On track or above by group"></ontrack-trend-chart>`),
};

/** Groups side by side as stacked panels. */
export const SeveralGroupsStacked: Story = {
  render: () => provided(html`<ontrack-trend-chart kind="stacked" .filters=${groups.slice(0, 4)} .target=${trustTarget}></ontrack-trend-chart>`),
};

/** Early in the year: one snapshot and the live point. */
export const SingleSnapshot: Story = {
  render: () => provided(html`<ontrack-trend-chart kind="stacked" .filter=${{ subjectId: 'reading' }} .target=${trustTarget}></ontrack-trend-chart>`, fullYear, STORY_DATE),
};

/** Small groups: EHCP in Year 4 is hidden at every point, SEND at some; the lines break there. */
export const Suppressed: Story = {
  render: () => provided(html`<ontrack-trend-chart .filters=${[{ yearGroup: 'Y4', subjectId: 'maths' }, { yearGroup: 'Y4', subjectId: 'maths', groups: ['send'] }, { yearGroup: 'Y4', groups: ['ehcp'] }]} .target=${trustTarget}></ontrack-trend-chart>`),
};

/** One pupil across subjects over the year. */
export const PupilTrajectory: Story = {
  render: () => provided(html`<ontrack-trend-chart pupil=${fullYear.pupils[3]?.id ?? ''}></ontrack-trend-chart>`),
};

/** A trust's five-level grade set, series given by property. */
export const CustomLevels: Story = {
  render: () => html`<ontrack-trend-chart kind="stacked" .policy=${fiveLevels} .series=${[fiveLevelSeries('Year 6 writing')]} .target=${{ label: 'Trust target', atOrAbove: 'exs', percent: 75 }}></ontrack-trend-chart>`,
};

/** A narrow container: labels move from the line ends to the legend. */
export const Compact: Story = {
  render: () => sized('300px', provided(html`<ontrack-trend-chart .filters=${groups.slice(0, 3)} .target=${trustTarget}></ontrack-trend-chart>`)),
};

/** Nothing to draw yet. */
export const Empty: Story = {
  render: () => html`<ontrack-trend-chart .series=${[{ label: 'Year 4', filter: {}, points: [] }]}></ontrack-trend-chart>`,
};

/** Waiting for the adapter. */
export const Loading: Story = {
  render: () => html`<ontrack-provider .adapter=${pendingAdapter()}><ontrack-trend-chart></ontrack-trend-chart></ontrack-provider>`,
};

/** The adapter failed; the leader can try again. */
export const LoadError: Story = {
  name: 'Error',
  render: () => html`<ontrack-provider .adapter=${failingAdapter()}><ontrack-trend-chart></ontrack-trend-chart></ontrack-provider>`,
};

/** On a dark page. */
export const Dark: Story = {
  render: () => dark(provided(html`<ontrack-trend-chart .filters=${groups.slice(0, 3)} .target=${trustTarget}></ontrack-trend-chart>`)),
};

/** Live: a provider over the in-memory adapter; an edit in the grid moves the live point and the gauge. */
export const WithProvider: Story = {
  render: () => html`<ontrack-provider .adapter=${createMemoryAdapter(fullYear)} date=${YEAR_END} .scope=${{ classId: fullYear.pupils[0]?.classId ?? '' }}>
    <ontrack-cohort-gauge .filter=${{ subjectId: 'maths' }} .target=${trustTarget}></ontrack-cohort-gauge>
    <ontrack-trend-chart kind="stacked" .filter=${{ subjectId: 'maths' }} .target=${trustTarget}></ontrack-trend-chart>
    <ontrack-status-grid label="Class"></ontrack-status-grid>
  </ontrack-provider>`,
};
