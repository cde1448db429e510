import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter, generateSchool, type TrackingDataset } from '@ontrack/rules';
import '../index.js';
import type { OnTrackProvider } from '../provider/provider.js';
import type { OnTrackStatusGrid } from './status-grid.js';

const DATE = '2026-11-16';
const school: TrackingDataset = generateSchool({ seed: 1, pupils: 30, through: DATE });
const tiny: TrackingDataset = {
  ...school,
  pupils: school.pupils.slice(0, 3),
  judgements: [
    { pupilId: school.pupils[0]!.id, subjectId: 'maths', status: 'below', recordedAt: '2026-10-01T09:00:00Z', recordedBy: 't1' },
    { pupilId: school.pupils[1]!.id, subjectId: 'reading', status: 'on', recordedAt: '2026-10-01T09:00:00Z', recordedBy: 't1' },
  ],
  snapshots: [],
};

async function grid(data: TrackingDataset, date = DATE): Promise<OnTrackStatusGrid> {
  const el = await fixture<OnTrackStatusGrid>(html`<ontrack-status-grid .data=${data} date=${date}></ontrack-status-grid>`);
  await el.updateComplete;
  return el;
}

const q = (el: OnTrackStatusGrid, sel: string): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];

describe('ontrack-status-grid', () => {
  it('passes axe with mixed statuses', async () => {
    const el = await grid(school);
    await expect(el).to.be.accessible();
  });

  it('renders one row per pupil and one cell per tracked subject, with grid roles and counts', async () => {
    const el = await grid(school);
    const g = q(el, '[role="grid"]')[0]!;
    expect(g.getAttribute('aria-rowcount')).to.equal('31');
    expect(g.getAttribute('aria-colcount')).to.equal('5');
    expect(q(el, '[role="row"]')).to.have.length(31);
    expect(q(el, '[role="rowheader"]')).to.have.length(30);
    expect(q(el, '[role="gridcell"]')).to.have.length(120);
    expect(q(el, '[role="columnheader"]').map((h) => h.textContent.trim())).to.deep.equal(['Pupil', 'Reading', 'Writing', 'Maths', 'Science']);
  });

  it('shows each status as text and glyph, not colour alone', async () => {
    const el = await grid(tiny);
    const below = q(el, '[part~="level-below"]')[0]!;
    expect(below.textContent).to.contain('Below');
    expect(below.querySelector('.glyph')?.textContent).to.equal('▼');
  });

  it('marks a default On differently from a recorded On, for eyes and screen readers', async () => {
    const el = await grid(tiny);
    const recorded = q(el, '[part~="level-on"][part~="source-recorded"]');
    const defaults = q(el, '[part~="level-on"][part~="source-default"]');
    expect(recorded).to.have.length(1);
    expect(defaults).to.have.length(10);
    expect(defaults[0]!.textContent).to.contain('(default)');
    expect(recorded[0]!.textContent).not.to.contain('(default)');
    expect(getComputedStyle(defaults[0]!).fontStyle).to.equal('italic');
    expect(getComputedStyle(recorded[0]!).fontStyle).to.equal('normal');
  });

  it('shows every cell as not yet tracked before the live week', async () => {
    const el = await grid({ ...tiny, judgements: [] }, '2026-09-14');
    const cells = q(el, '[role="gridcell"]');
    expect(cells.every((c) => c.textContent.includes('Not yet tracked'))).to.equal(true);
  });

  it('renders pupil names containing markup as text', async () => {
    const hostile = { ...tiny, pupils: tiny.pupils.map((p, i) => (i === 0 ? { ...p, givenName: '<img src=x onerror="window.__pwned=1">', familyName: '<script>window.__pwned=1</script>' } : p)) };
    const el = await grid(hostile);
    expect(q(el, 'img, script')).to.have.length(0);
    expect(q(el, '[role="rowheader"]')[0]!.textContent).to.contain('<img src=x');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('has exactly one cell in the tab order', async () => {
    const el = await grid(tiny);
    expect(q(el, '[tabindex="0"]')).to.have.length(1);
  });

  it('moves the active cell with arrows, Home/End and Ctrl+End', async () => {
    const el = await grid(tiny);
    const first = q(el, '[tabindex="0"]')[0]!;
    first.focus();
    const press = async (key: string, ctrlKey = false): Promise<HTMLElement> => {
      (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, composed: true }));
      await el.updateComplete;
      await el.updateComplete;
      return el.shadowRoot!.activeElement as HTMLElement;
    };
    let at = await press('ArrowRight');
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['0', '2']);
    at = await press('ArrowDown');
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['1', '2']);
    at = await press('Home');
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['1', '0']);
    at = await press('End', true);
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['2', '4']);
    expect(q(el, '[tabindex="0"]')).to.deep.equal([at]);
  });

  it('shows the loading state, then the pupils, from a provider', async () => {
    const adapter = createMemoryAdapter(tiny);
    const provider = await fixture<OnTrackProvider>(html`<ontrack-provider .adapter=${adapter} date=${DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`);
    const el = provider.querySelector('ontrack-status-grid')!;
    await waitUntil(() => provider.status === 'ready');
    await el.updateComplete;
    expect(q(el, '[role="rowheader"]')).to.have.length(3);
  });

  it('shows the adapter’s error with a way to try again', async () => {
    let calls = 0;
    const adapter = { ...createMemoryAdapter(tiny), load: () => { calls++; return Promise.reject(new Error('server down')); } };
    const provider = await fixture<OnTrackProvider>(html`<ontrack-provider .adapter=${adapter} date=${DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`);
    await waitUntil(() => provider.status === 'error');
    const el = provider.querySelector('ontrack-status-grid')!;
    await el.updateComplete;
    const alert = q(el, '[role="alert"]')[0]!;
    expect(alert.textContent).to.contain('server down');
    const reloaded = oneEvent(provider, 'ontrack-load');
    alert.querySelector('button')!.click();
    await reloaded;
    expect(calls).to.equal(2);
  });

  it('follows a change recorded elsewhere through the provider', async () => {
    const adapter = createMemoryAdapter(tiny);
    const provider = await fixture<OnTrackProvider>(html`<ontrack-provider .adapter=${adapter} date=${DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`);
    await waitUntil(() => provider.status === 'ready');
    const el = provider.querySelector('ontrack-status-grid')!;
    await adapter.recordJudgement({ pupilId: tiny.pupils[2]!.id, subjectId: 'science', status: 'above', recordedBy: 't2', recordedAt: '2026-11-10T10:00:00Z' });
    await el.updateComplete;
    expect(q(el, '[part~="level-above"][part~="source-recorded"]').some((c) => c.dataset.row === '2' && c.dataset.col === '4')).to.equal(true);
  });
});
