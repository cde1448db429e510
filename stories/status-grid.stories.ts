import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@ontrack/elements';
import { BEFORE_LIVE, STORY_DATE, defaultsOnly, failingAdapter, memoryAdapter, pendingAdapter, school30 } from './fixtures.js';

const meta = {
  title: 'Elements/Status grid',
  component: 'ontrack-status-grid',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;

type Story = StoryObj;

/** Recorded exceptions on top of default On: the everyday view. */
export const Mixed: Story = {
  render: () => html`<ontrack-status-grid .data=${school30} date=${STORY_DATE} label="Hallwood Park: all pupils"></ontrack-status-grid>`,
};

/** No judgements yet: every cell is a default On, marked as not yet reviewed. */
export const DefaultOnly: Story = {
  render: () => html`<ontrack-status-grid .data=${defaultsOnly} date=${STORY_DATE}></ontrack-status-grid>`,
};

/** Before the live week nothing is tracked. */
export const Untracked: Story = {
  render: () => html`<ontrack-status-grid .data=${defaultsOnly} date=${BEFORE_LIVE}></ontrack-status-grid>`,
};

/** A class with no pupils. */
export const Empty: Story = {
  render: () => html`<ontrack-status-grid .data=${{ ...school30, pupils: [] }} date=${STORY_DATE}></ontrack-status-grid>`,
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

/** Data from a provider over the in-memory adapter. */
export const WithProvider: Story = {
  render: () => html`<ontrack-provider .adapter=${memoryAdapter()} date=${STORY_DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`,
};
