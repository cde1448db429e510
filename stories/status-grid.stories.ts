import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '@ontrack/elements';
import type { OnTrackStatusGrid } from '@ontrack/elements';
import {
  BEFORE_LIVE, STORY_DATE, defaultsOnly, failingAdapter, fiveLevelPolicy, fiveLevelSchool, pendingAdapter, refusingAdapter, sampleInterventions,
  school2000, school30, stalledWriteAdapter, storyAdapter,
} from './fixtures.js';

const meta = {
  title: 'Elements/Status grid',
  component: 'ontrack-status-grid',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;

type Story = StoryObj;

/** Once the provider has loaded, sets two cells the way a teacher would (to show a write in flight or refused). */
function editAfterLoad(provider: Element | undefined): void {
  if (!provider) return;
  provider.addEventListener(
    'ontrack-load',
    () => {
      const grid = provider.querySelector('ontrack-status-grid');
      const first = school30.pupils[0];
      const second = school30.pupils[1];
      if (!grid || !first || !second) return;
      void grid.updateComplete.then(() => {
        void grid.setStatus(first.id, 'maths', 'below');
        void grid.setStatus(second.id, 'reading', 'above');
      });
    },
    { once: true },
  );
}

/** Sets colours through the CSSOM (no style attribute: strict CSP). */
function scheme(name: 'dark'): (el: Element | undefined) => void {
  return (el) => {
    if (!(el instanceof HTMLElement)) return;
    el.style.setProperty('color-scheme', name);
    el.style.setProperty('background', '#16161b');
    el.style.setProperty('color', '#ececf1');
    el.style.setProperty('padding', '1rem');
  };
}

const grid = (extra: Partial<OnTrackStatusGrid> = {}): TemplateResult =>
  html`<ontrack-status-grid
    .data=${extra.data ?? school30}
    .policy=${extra.policy}
    .interventions=${extra.interventions}
    ?readonly=${extra.readonly ?? false}
    date=${extra.date ?? STORY_DATE}
    label="Hallwood Park: all pupils"
  ></ontrack-status-grid>`;

/** Recorded exceptions on top of default On: the everyday view. Type `b`/`o`/`a`, Enter for the menu. */
export const Mixed: Story = {
  render: () => grid({ interventions: sampleInterventions() }),
};

/** No judgements yet: every cell is a default On, marked as not yet reviewed. */
export const DefaultOnly: Story = {
  render: () => grid({ data: defaultsOnly }),
};

/** Before the live week nothing is tracked. */
export const Untracked: Story = {
  render: () => grid({ data: defaultsOnly, date: BEFORE_LIVE }),
};

/** A class with no pupils. */
export const Empty: Story = {
  render: () => grid({ data: { ...school30, pupils: [] } }),
};

/** Waiting for the adapter. */
export const Loading: Story = {
  render: () => html`<ontrack-provider .adapter=${pendingAdapter()} date=${STORY_DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`,
};

/** The adapter failed; the teacher can try again. */
export const LoadError: Story = {
  name: 'Error',
  render: () => html`<ontrack-provider .adapter=${failingAdapter()} date=${STORY_DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`,
};

/** Data from a provider over the in-memory adapter: edits are stored through it. */
export const WithProvider: Story = {
  render: () => html`<ontrack-provider .adapter=${storyAdapter()} date=${STORY_DATE}><ontrack-status-grid user="t17"></ontrack-status-grid></ontrack-provider>`,
};

/** Every concern flagged, with low attendance and multiple-subject reviews: activate a ⚑ (or press Space) to see why. */
export const ManyInterventions: Story = {
  render: () => grid({ interventions: sampleInterventions(), data: school30 }),
};

/** A leader's view: nothing can be changed. */
export const ReadOnly: Story = {
  render: () => grid({ readonly: true, interventions: sampleInterventions() }),
};

/** A trust's five-level grade set; letters set the first level that starts with them. */
export const CustomGradeSet: Story = {
  render: () => grid({ data: fiveLevelSchool, policy: fiveLevelPolicy }),
};

/** Two thousand pupils: only the rows in view are drawn; Ctrl+End reaches the last. */
export const TwoThousandPupils: Story = {
  render: () => grid({ data: school2000() }),
};

/** Dark colour scheme: the tokens follow `color-scheme` through `light-dark()`. */
export const Dark: Story = {
  render: () => html`<div ${ref(scheme('dark'))}>${grid({ interventions: sampleInterventions() })}</div>`,
};

/** Right to left: columns run from the right and the arrow keys follow. */
export const RightToLeft: Story = {
  name: 'RTL',
  render: () => html`<div dir="rtl">${grid()}</div>`,
};

/** Compact density for a leader scanning a year group. */
export const Compact: Story = {
  render: () => html`<ontrack-status-grid .data=${school30} date=${STORY_DATE} density="compact"></ontrack-status-grid>`,
};

/** Two edits waiting for the school's server. */
export const Pending: Story = {
  render: () =>
    html`<ontrack-provider ${ref(editAfterLoad)} .adapter=${stalledWriteAdapter()} date=${STORY_DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`,
};

/** The server refused two edits: they went back, with the reason in the cell and announced. */
export const RolledBack: Story = {
  render: () =>
    html`<ontrack-provider ${ref(editAfterLoad)} .adapter=${refusingAdapter()} date=${STORY_DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`,
};
