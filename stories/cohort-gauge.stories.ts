import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@ontrack/elements';
import { breakdown, defaultPolicy } from '@ontrack/rules';
import { BEFORE_LIVE, failingAdapter, pendingAdapter } from './fixtures.js';
import { YEAR_END, dark, fiveLevelBreakdown, fiveLevels, fullYear, nationalBenchmark, provided, sized, trustTarget } from './chart-data.js';

const meta = {
  title: 'Elements/Cohort gauge',
  component: 'ontrack-cohort-gauge',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;

type Story = StoryObj;

const y4Maths = { yearGroup: 'Y4', subjectId: 'maths' } as const;

/** One cohort against the trust's target and a national benchmark, computed by a provider from the data. */
export const AgainstTarget: Story = {
  render: () => provided(html`<ontrack-cohort-gauge .filter=${y4Maths} .target=${trustTarget} .benchmark=${nationalBenchmark}></ontrack-cohort-gauge>`),
};

/** The small form for dashboards, one per year group. */
export const Compact: Story = {
  render: () => sized('22rem', provided(html`${['Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6'].map(
    (y) => html`<ontrack-cohort-gauge compact .filter=${{ yearGroup: y }} .target=${trustTarget}></ontrack-cohort-gauge>`,
  )}`)),
};

/** Pupil premium against the other pupils of the school, with the gap per level. */
export const GroupVsRest: Story = {
  name: 'Group vs rest',
  render: () => provided(html`<ontrack-cohort-gauge group="pupil-premium" .target=${trustTarget}></ontrack-cohort-gauge>`),
};

/** Several groups of one year side by side. */
export const SeveralGroups: Story = {
  render: () => provided(html`${['pupil-premium', 'send', 'eal', 'girls'].map(
    (g) => html`<ontrack-cohort-gauge .filter=${{ groups: [g] }} .target=${trustTarget}></ontrack-cohort-gauge>`,
  )}`),
};

/** Too few pupils (EHCP in Year 4): the figures are hidden and the gauge says why. */
export const Suppressed: Story = {
  render: () => html`<ontrack-cohort-gauge .breakdown=${breakdown(fullYear, defaultPolicy, YEAR_END, { yearGroup: 'Y4', groups: ['ehcp'] })} .target=${trustTarget}></ontrack-cohort-gauge>`,
};

/** A group against the rest when the group is too small: no gap is given. */
export const SuppressedVsRest: Story = {
  render: () => provided(html`<ontrack-cohort-gauge .filter=${{ yearGroup: 'Y4' }} group="ehcp"></ontrack-cohort-gauge>`),
};

/** Before the live week nothing is tracked yet. */
export const Empty: Story = {
  render: () => provided(html`<ontrack-cohort-gauge></ontrack-cohort-gauge>`, { ...fullYear, judgements: [], snapshots: [] }, BEFORE_LIVE),
};

/** Waiting for the adapter. */
export const Loading: Story = {
  render: () => html`<ontrack-provider .adapter=${pendingAdapter()}><ontrack-cohort-gauge></ontrack-cohort-gauge></ontrack-provider>`,
};

/** The adapter failed; the leader can try again. */
export const LoadError: Story = {
  name: 'Error',
  render: () => html`<ontrack-provider .adapter=${failingAdapter()}><ontrack-cohort-gauge></ontrack-cohort-gauge></ontrack-provider>`,
};

/** A trust's own five-level grade set, given by property. */
export const CustomLevels: Story = {
  render: () => html`<ontrack-cohort-gauge
    .policy=${fiveLevels}
    .breakdown=${fiveLevelBreakdown('Year 6 writing', { wt: 6, 'exs-': 9, exs: 28, 'gds-': 7, gds: 4 })}
    .target=${{ label: 'Trust target', atOrAbove: 'exs', percent: 75 }}
  ></ontrack-cohort-gauge>`,
};

/** On a dark page. */
export const Dark: Story = {
  render: () => dark(provided(html`<ontrack-cohort-gauge .filter=${y4Maths} .target=${trustTarget} .benchmark=${nationalBenchmark}></ontrack-cohort-gauge>`)),
};

/** Words in another language through message overrides. */
export const Translated: Story = {
  render: () => html`<div lang="fr"><ontrack-cohort-gauge
    .breakdown=${breakdown(fullYear, defaultPolicy, YEAR_END, { yearGroup: 'Y4', groups: ['ehcp'] })}
    .messages=${{ gauge: { suppressed: (n: number) => `Moins de ${n} élèves : chiffres masqués pour qu’aucun enfant ne soit identifiable.` } }}
  ></ontrack-cohort-gauge></div>`,
};
