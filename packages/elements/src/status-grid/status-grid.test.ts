import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  createMemoryAdapter, defaultPolicy, generateSchool, liveStatuses, orderedLevels, summarize, type Intervention, type Judgement, type JudgementInput, type TrackingAdapter,
  type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';
import '../index.js';
import type { OnTrackProvider } from '../provider/provider.js';
import type { OnTrackStatusGrid } from './status-grid.js';
import type { StatusChangeDetail, StatusRollbackDetail } from './status-grid.events.js';
import { statusGridStyles } from './status-grid.styles.js';
import { buildModel, cellsOf, primeRows } from './grid-model.js';

const DATE = '2026-11-16';
const school: TrackingDataset = generateSchool({ seed: 1, pupils: 30, through: DATE });
const p = (i: number): TrackingDataset['pupils'][number] => school.pupils[i]!;
const tiny: TrackingDataset = {
  ...school,
  pupils: school.pupils.slice(0, 3),
  judgements: [
    { pupilId: p(0).id, subjectId: 'maths', status: 'below', recordedAt: '2026-10-01T09:00:00Z', recordedBy: 't1' },
    { pupilId: p(1).id, subjectId: 'reading', status: 'on', recordedAt: '2026-10-01T09:00:00Z', recordedBy: 't1' },
  ],
  assessments: [],
  snapshots: [],
};
// Subject columns: 1 reading, 2 writing, 3 maths, 4 science.

async function grid(data: TrackingDataset, date = DATE): Promise<OnTrackStatusGrid> {
  const el = await fixture<OnTrackStatusGrid>(html`<ontrack-status-grid .data=${data} date=${date}></ontrack-status-grid>`);
  await el.updateComplete;
  return el;
}

const q = (el: OnTrackStatusGrid, sel: string): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const cell = (el: OnTrackStatusGrid, row: number, col: number): HTMLElement => {
  const c = el.shadowRoot!.querySelector<HTMLElement>(`.body [data-row="${row}"][data-col="${col}"]`);
  if (!c) throw new Error(`no cell ${row},${col}`);
  return c;
};
const settle = async (el: OnTrackStatusGrid): Promise<void> => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
  await el.updateComplete;
};
async function press(el: OnTrackStatusGrid, key: string, mods: { ctrlKey?: boolean; shiftKey?: boolean } = {}): Promise<HTMLElement> {
  const target = (el.shadowRoot!.activeElement as HTMLElement | null) ?? q(el, '[role="grid"]')[0]!;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, ...mods, bubbles: true, composed: true, cancelable: true }));
  await settle(el);
  return el.shadowRoot!.activeElement as HTMLElement;
}
async function focusCell(el: OnTrackStatusGrid, row: number, col: number): Promise<void> {
  cell(el, row, col).click();
  await settle(el);
}
const live = (el: OnTrackStatusGrid): string => q(el, '.visually-hidden[role="status"]')[0]!.textContent;
/** Every column of the summary row says what `summarize` says of the cells shown (all rows drawn: a small school). */
const expectSummaryOfShown = (el: OnTrackStatusGrid): void => {
  const sums = q(el, '.summary [role="gridcell"]');
  expect(sums.length).to.be.above(0);
  expect(q(el, '.body [role="row"]')).to.have.length(el.visiblePupils.length);
  sums.forEach((sum, i) => {
    const shown = q(el, `.body [role="gridcell"][data-col="${i + 1}"]`).map((c) => ({ status: /level-(\w+)/.exec(c.getAttribute('part')!)?.[1] ?? null }));
    const expected = summarize(shown, defaultPolicy);
    for (const l of orderedLevels(defaultPolicy)) expect(sum.textContent).to.contain(`${l.short ?? l.label} ${expected.percent[l.id] ?? 0}%`);
  });
};
const changes = (el: HTMLElement): StatusChangeDetail[] => {
  const seen: StatusChangeDetail[] = [];
  el.addEventListener('ontrack-status-change', (e) => seen.push(e.detail));
  return seen;
};

/** A grid inside a provider over an adapter, once loaded. */
async function provided(adapter: TrackingAdapter, user = 'teacher'): Promise<{ el: OnTrackStatusGrid; provider: OnTrackProvider }> {
  const provider = await fixture<OnTrackProvider>(html`<ontrack-provider .adapter=${adapter} date=${DATE}><ontrack-status-grid user=${user}></ontrack-status-grid></ontrack-provider>`);
  await waitUntil(() => provider.status === 'ready');
  const el = provider.querySelector('ontrack-status-grid')!;
  await settle(el);
  return { el, provider };
}

/** A memory adapter whose writes wait until the test settles them. */
function controlledAdapter(data: TrackingDataset): TrackingAdapter & { calls: JudgementInput[]; resolveNext: () => void; rejectNext: (why: string) => void } {
  // The store's clock is the evaluation date, so what it stores is live at that date.
  const inner = createMemoryAdapter(data, { now: () => new Date(`${DATE}T12:00:00Z`) });
  const waiting: { input: JudgementInput; resolve: (j: Judgement) => void; reject: (e: Error) => void }[] = [];
  const calls: JudgementInput[] = [];
  return {
    load: (scope) => inner.load(scope),
    subscribe: (l) => inner.subscribe(l),
    recordJudgement: (input) => {
      calls.push(input);
      return new Promise<Judgement>((resolve, reject) => waiting.push({ input, resolve, reject }));
    },
    calls,
    resolveNext: () => {
      const w = waiting.shift()!;
      void inner.recordJudgement(w.input).then(w.resolve, w.reject);
    },
    rejectNext: (why) => {
      waiting.shift()!.reject(new Error(why));
    },
  };
}

describe('ontrack-status-grid', () => {
  it('computes the same live statuses as the engine, primed or indexed', () => {
    const big = generateSchool({ seed: 3, pupils: 300, through: DATE });
    const model = buildModel(big, defaultPolicy, DATE);
    primeRows(model, model.rows.slice(0, 25));
    const cells = model.rows.flatMap((r) => cellsOf(model, r));
    expect(cells).to.deep.equal(liveStatuses(big, defaultPolicy, DATE));
    expect(model.index).to.not.equal(undefined);
  });

  it('passes axe with mixed statuses', async () => {
    const el = await grid(school);
    await expect(el).to.be.accessible();
  });

  it('renders one row per pupil and one cell per tracked subject, with grid roles and counts', async () => {
    const el = await grid(school);
    const g = q(el, '[role="grid"]')[0]!;
    // Header + 30 pupils + summary.
    expect(g.getAttribute('aria-rowcount')).to.equal('32');
    expect(g.getAttribute('aria-colcount')).to.equal('5');
    // Only the rows in view (and a few either side) are drawn; each has a header and four cells.
    const drawn = q(el, '.body [role="rowheader"]').length;
    expect(drawn).to.be.within(10, 30);
    expect(q(el, '.body [role="gridcell"]')).to.have.length(drawn * 4);
    expect(q(el, '.body [role="row"]').map((r) => r.getAttribute('aria-rowindex'))).to.deep.equal(Array.from({ length: drawn }, (_, i) => String(i + 2)));
    expect(q(el, '[role="columnheader"]').map((h) => h.textContent.trim())).to.deep.equal(['Pupil', 'Reading', 'Writing', 'Maths', 'Science']);
  });

  it('shows each status as text and glyph, not colour alone', async () => {
    const el = await grid(tiny);
    const below = q(el, '.body [part~="level-below"]')[0]!;
    expect(below.textContent).to.contain('Below');
    const shape = (cell: Element): string => getComputedStyle(cell, '::before').clipPath;
    // A downward triangle for a concern, a dot for On, a dash for untracked: the shapes differ, not only the colours.
    expect(shape(below)).to.equal('polygon(0px 0px, 100% 0px, 50% 100%)');
    const on = q(el, '.body [part~="level-on"][part~="source-default"]')[0]!;
    expect(shape(on)).to.equal('circle(50%)');
    expect(getComputedStyle(on, '::after').content).to.contain('*');
  });

  it('marks a default On differently from a recorded On, for eyes and screen readers', async () => {
    const el = await grid(tiny);
    const recorded = q(el, '.body [part~="level-on"][part~="source-recorded"]');
    const defaults = q(el, '.body [part~="level-on"][part~="source-default"]');
    expect(recorded).to.have.length(1);
    expect(defaults).to.have.length(10);
    // Screen readers hear the asterisk's alt text.
    expect(getComputedStyle(defaults[0]!, '::after').content).to.equal('"*" / "(default)"');
    expect(getComputedStyle(recorded[0]!, '::after').content).to.equal('none');
    expect(getComputedStyle(defaults[0]!).fontStyle).to.equal('italic');
    expect(getComputedStyle(recorded[0]!).fontStyle).to.equal('normal');
  });

  it('says a default in the host\'s words, quotes and all', async () => {
    const el = await grid(tiny);
    el.messages = { grid: { defaultMark: 'not "checked" \\ yet' } };
    await el.updateComplete;
    const on = q(el, '.body [part~="level-on"][part~="source-default"]')[0]!;
    expect(getComputedStyle(on, '::after').content).to.equal('"*" / "not \\"checked\\" \\\\ yet"');
  });

  it('shows every cell as not yet tracked before the live week', async () => {
    const el = await grid({ ...tiny, judgements: [] }, '2026-09-14');
    const cells = q(el, '.body [role="gridcell"]');
    expect(cells).to.have.length(12);
    expect(cells.every((c) => c.textContent.includes('Not yet tracked'))).to.equal(true);
  });

  it('shows attribute badges as text with accessible names', async () => {
    const data = { ...tiny, pupils: tiny.pupils.map((x, i) => (i === 0 ? { ...x, attributes: { send: 'ehcp' as const, pupilPremium: true, eal: true } } : x)) };
    const el = await grid(data);
    const header = cell(el, 0, 0);
    const badges = [...header.querySelectorAll('.badge')].map((b) => b.querySelector('[aria-hidden]')!.textContent);
    expect(badges).to.deep.equal(['EHCP', 'PP', 'EAL']);
    expect(header.textContent).to.contain('pupil premium');
    expect(header.textContent).to.contain('English as an additional language');
  });

  it('renders pupil names and notes containing markup as text', async () => {
    const hostile: TrackingDataset = {
      ...tiny,
      pupils: tiny.pupils.map((x, i) => (i === 0 ? { ...x, givenName: '<img src=x onerror="window.__pwned=1">', familyName: '<script>window.__pwned=1</script>' } : x)),
      judgements: [{ pupilId: p(0).id, subjectId: 'maths', status: 'below', recordedAt: '2026-10-01T09:00:00Z', recordedBy: 't1', note: '<img src=y onerror="window.__pwned=2"><script>window.__pwned=3</script>' }],
    };
    const el = await grid(hostile);
    await new Promise((r) => setTimeout(r, 50));
    expect(q(el, 'img, script')).to.have.length(0);
    expect(cell(el, 0, 0).textContent).to.contain('<img src=x');
    expect(cell(el, 0, 0).textContent).to.contain('<script>');
    expect(cell(el, 0, 3).textContent).to.contain('<img src=y onerror=');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('has exactly one cell in the tab order', async () => {
    const el = await grid(tiny);
    expect(q(el, '[tabindex="0"]')).to.have.length(1);
  });

  it('moves the active cell with arrows, Home/End and Ctrl+End', async () => {
    const el = await grid(tiny);
    q(el, '[tabindex="0"]')[0]!.focus();
    let at = await press(el, 'ArrowRight');
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['0', '2']);
    at = await press(el, 'ArrowDown');
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['1', '2']);
    at = await press(el, 'Home');
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['1', '0']);
    at = await press(el, 'End', { ctrlKey: true });
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['2', '4']);
    expect(q(el, '[tabindex="0"]')).to.deep.equal([at]);
  });

  it('flips the arrow keys right to left', async () => {
    const el = await fixture<OnTrackStatusGrid>(html`<div dir="rtl"><ontrack-status-grid .data=${tiny} date=${DATE}></ontrack-status-grid></div>`).then((d) => d.querySelector('ontrack-status-grid')!);
    await settle(el);
    await focusCell(el, 0, 2);
    const at = await press(el, 'ArrowLeft');
    expect(at.dataset.col).to.equal('3');
  });

  it('sets a level by typing its first letter, firing the change before writing', async () => {
    const el = await grid(tiny);
    const seen = changes(el);
    await focusCell(el, 2, 3);
    await press(el, 'b');
    expect(seen).to.deep.equal([{ pupilId: p(2).id, subjectId: 'maths', from: 'on', to: 'below' }]);
    expect(cell(el, 2, 3).getAttribute('part')).to.contain('level-below').and.contain('source-recorded');
    await press(el, 'a');
    expect(cell(el, 2, 3).getAttribute('part')).to.contain('level-above');
    expect(seen[1]).to.deep.equal({ pupilId: p(2).id, subjectId: 'maths', from: 'below', to: 'above' });
    // Standalone: the live region says it was saved to the local copy.
    expect(live(el)).to.contain('Saved');
  });

  it('standalone, shows the new level and announces it saved in one update', async () => {
    const el = await grid(tiny);
    await settle(el);
    const done = el.setStatus(p(1).id, 'maths', 'below');
    await el.updateComplete;
    expect(el.isUpdatePending).to.equal(false);
    expect(cell(el, 1, 3).getAttribute('part')).to.contain('level-below').and.contain('source-recorded');
    expect(live(el)).to.contain('Saved').and.contain(`${p(1).givenName} ${p(1).familyName}`);
    expect(await done).to.deep.equal([true]);
    expect(el.isUpdatePending).to.equal(false);
  });

  it('opens a level menu with Enter, sets the level with a note, and returns focus to the cell', async () => {
    const el = await grid(tiny);
    const seen = changes(el);
    await focusCell(el, 1, 2);
    await press(el, 'Enter');
    const dialog = q(el, '[role="dialog"]')[0]!;
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('level');
    dialog.querySelector<HTMLInputElement>('input[value="above"]')!.checked = true;
    dialog.querySelector('textarea')!.value = 'reads widely at home';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle(el);
    expect(q(el, '[role="dialog"]')).to.have.length(0);
    expect(seen).to.deep.equal([{ pupilId: p(1).id, subjectId: 'writing', from: 'on', to: 'above', note: 'reads widely at home' }]);
    expect(cell(el, 1, 2).getAttribute('part')).to.contain('level-above');
    expect(cell(el, 1, 2).textContent).to.contain('reads widely at home');
    expect(el.shadowRoot!.activeElement).to.equal(cell(el, 1, 2));
  });

  it('keeps Tab inside the level menu', async () => {
    const el = await grid(tiny);
    await focusCell(el, 1, 2);
    await press(el, 'Enter');
    const buttons = q(el, '.menu button');
    buttons[buttons.length - 1]!.focus();
    await press(el, 'Tab');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('level');
    await press(el, 'Tab', { shiftKey: true });
    expect(el.shadowRoot!.activeElement).to.equal(buttons[buttons.length - 1]);
  });

  it('cancels the level menu with Escape, changing nothing', async () => {
    const el = await grid(tiny);
    const seen = changes(el);
    await focusCell(el, 1, 2);
    await press(el, 'F2');
    expect(q(el, '[role="dialog"]')).to.have.length(1);
    await press(el, 'Escape');
    expect(q(el, '[role="dialog"]')).to.have.length(0);
    expect(seen).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(cell(el, 1, 2));
  });

  it('edits with the pointer: a click makes a cell active, a toolbar button sets it, a double click opens the menu', async () => {
    const el = await grid(tiny);
    const seen = changes(el);
    await focusCell(el, 0, 1);
    const above = q(el, '.toolbar .set button').find((b) => b.textContent.includes('Above'))!;
    above.click();
    await settle(el);
    expect(seen[0]).to.deep.equal({ pupilId: p(0).id, subjectId: 'reading', from: 'on', to: 'above' });
    cell(el, 0, 4).dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await settle(el);
    expect(q(el, '.menu legend')[0]!.textContent).to.contain('Science');
  });

  it('sets a range selected with Shift+arrows at once', async () => {
    const el = await grid(tiny);
    const seen = changes(el);
    await focusCell(el, 0, 1);
    await press(el, 'ArrowDown', { shiftKey: true });
    await press(el, 'ArrowDown', { shiftKey: true });
    await press(el, 'ArrowRight', { shiftKey: true });
    expect(q(el, '.body [aria-selected="true"]')).to.have.length(6);
    await press(el, 'a');
    expect(seen).to.have.length(6);
    for (const r of [0, 1, 2]) for (const c of [1, 2]) expect(cell(el, r, c).getAttribute('part')).to.contain('level-above');
    expect(cell(el, 0, 3).getAttribute('part')).to.contain('level-below');
    expectSummaryOfShown(el);
  });

  it('selects a whole column with Ctrl+Space or its header, and sets it', async () => {
    const el = await grid(tiny);
    await focusCell(el, 1, 4);
    await press(el, ' ', { ctrlKey: true });
    expect(q(el, '.body [aria-selected="true"]').map((c) => c.dataset.col)).to.deep.equal(['4', '4', '4']);
    await press(el, 'b');
    expect([0, 1, 2].every((r) => cell(el, r, 4).getAttribute('part')!.includes('level-below'))).to.equal(true);
    q(el, '[role="columnheader"][data-col="2"]')[0]!.click();
    await settle(el);
    expect(q(el, '.body [aria-selected="true"]').map((c) => c.dataset.col)).to.deep.equal(['2', '2', '2']);
  });

  it('undoes the last change, putting every cell back as it was', async () => {
    const el = await grid(tiny);
    await focusCell(el, 0, 1);
    await press(el, 'ArrowDown', { shiftKey: true });
    await press(el, 'ArrowRight', { shiftKey: true });
    await press(el, 'ArrowRight', { shiftKey: true });
    await press(el, 'b');
    expect(cell(el, 1, 1).getAttribute('part')).to.contain('level-below');
    expectSummaryOfShown(el);
    await press(el, 'z', { ctrlKey: true });
    expectSummaryOfShown(el);
    // Row 1 reading was a recorded On; everything else a default On, and row 0 maths a recorded Below.
    expect(cell(el, 1, 1).getAttribute('part')).to.contain('level-on').and.contain('source-recorded');
    expect(cell(el, 0, 1).getAttribute('part')).to.contain('level-on').and.contain('source-default');
    expect(cell(el, 0, 3).getAttribute('part')).to.contain('level-below').and.contain('source-recorded');
    expect(live(el)).to.contain('Undid');
  });

  it('lets a host veto a change: nothing is written and the teacher is told', async () => {
    const adapter = controlledAdapter(tiny);
    const { el, provider } = await provided(adapter);
    provider.addEventListener('ontrack-status-change', (e) => { e.preventDefault(); });
    await focusCell(el, 2, 1);
    await press(el, 'b');
    expect(adapter.calls).to.have.length(0);
    expect(cell(el, 2, 1).getAttribute('part')).to.contain('level-on').and.contain('source-default');
    expect(live(el)).to.contain('Not changed');
  });

  it('shows a change as pending until the adapter stores it', async () => {
    const adapter = controlledAdapter(tiny);
    const { el } = await provided(adapter, 't9');
    await focusCell(el, 2, 2);
    await press(el, 'b');
    expect(adapter.calls).to.deep.equal([{ pupilId: p(2).id, subjectId: 'writing', status: 'below', recordedBy: 't9' }]);
    expect(cell(el, 2, 2).getAttribute('part')).to.contain('pending').and.contain('level-below');
    expect(cell(el, 2, 2).getAttribute('aria-busy')).to.equal('true');
    expectSummaryOfShown(el);
    const saved = oneEvent(el, 'ontrack-status-saved');
    adapter.resolveNext();
    await saved;
    await settle(el);
    expect(cell(el, 2, 2).getAttribute('part')).not.to.contain('pending');
    expect(cell(el, 2, 2).getAttribute('part')).to.contain('level-below').and.contain('source-recorded');
    expectSummaryOfShown(el);
    // The store has it: a fresh load shows it too.
    const again = await adapter.load();
    expect(again.judgements.some((j) => j.pupilId === p(2).id && j.subjectId === 'writing' && j.status === 'below')).to.equal(true);
  });

  it('rolls a rejected change back, shows the reason in the cell and announces it', async () => {
    const adapter = controlledAdapter(tiny);
    const { el } = await provided(adapter);
    await focusCell(el, 0, 3);
    await press(el, 'a');
    expect(cell(el, 0, 3).getAttribute('part')).to.contain('level-above').and.contain('pending');
    expectSummaryOfShown(el);
    const rolled = oneEvent(el, 'ontrack-status-rollback');
    adapter.rejectNext('this class is locked for moderation');
    const ev = (await rolled) as CustomEvent<StatusRollbackDetail>;
    await settle(el);
    expect(ev.detail).to.deep.equal({ pupilId: p(0).id, subjectId: 'maths', from: 'below', to: 'above', reason: 'this class is locked for moderation' });
    const c = cell(el, 0, 3);
    expect(c.getAttribute('part')).to.contain('level-below').and.contain('failed').and.not.contain('pending');
    expect(c.textContent).to.contain('this class is locked for moderation');
    expect(live(el)).to.contain('Not saved').and.contain('this class is locked for moderation').and.contain('Below track');
    expectSummaryOfShown(el);
  });

  it('filters by search, group, class, level and concerns, intersecting, with the summary following', async () => {
    const el = await grid(school);
    el.onlyConcerns = true;
    await settle(el);
    const concerned = q(el, '.body [role="row"]');
    // Fewer pupils pass than the school has (counted on the data, not on the rows drawn, which depend on the viewport).
    expect(el.visiblePupils.length).to.be.within(1, school.pupils.length - 1);
    const concernedPupils = el.visiblePupils.length;
    expect(concerned.length).to.be.within(1, concernedPupils);
    for (const r of concerned) expect(r.querySelector('[part~="level-below"]')).to.not.equal(null);
    el.group = 'pupil-premium';
    await settle(el);
    const both = el.visiblePupils;
    expect(both.every((x) => x.attributes.pupilPremium === true)).to.equal(true);
    expect(both.length).to.be.below(concernedPupils + 1);
    // The summary is of the shown rows only.
    const mathsCells = q(el, '.body [role="gridcell"][data-col="3"]').map((c) => ({ status: /level-(\w+)/.exec(c.getAttribute('part')!)?.[1] ?? null }));
    const expected = summarize(mathsCells, defaultPolicy);
    const sumCell = q(el, '.summary [role="gridcell"]')[2]!;
    expect(sumCell.textContent).to.contain(`Below ${expected.percent.below}%`);
    expect(q(el, '.summary [role="rowheader"]')[0]!.textContent).to.contain(`(${both.length})`);
    el.onlyConcerns = false;
    el.group = '';
    el.search = p(4).givenName.toLowerCase();
    await settle(el);
    expect(el.visiblePupils.every((x) => x.givenName.toLowerCase().includes(p(4).givenName.toLowerCase()))).to.equal(true);
    expect(el.visiblePupils.map((x) => x.id)).to.include(p(4).id);
    el.search = '';
    el.classId = p(0).classId;
    el.level = 'above';
    await settle(el);
    expect(el.visiblePupils.every((x) => x.classId === p(0).classId)).to.equal(true);
    for (const r of q(el, '.body [role="row"]')) expect(r.querySelector('[part~="level-above"]')).to.not.equal(null);
  });

  it('filters to pupils with unreviewed defaults', async () => {
    const allRecorded: TrackingDataset = {
      ...tiny,
      judgements: ['reading', 'writing', 'maths', 'science'].map((s) => ({ pupilId: p(0).id, subjectId: s, status: 'on', recordedAt: '2026-10-01T09:00:00Z', recordedBy: 't1' })),
    };
    const el = await grid(allRecorded);
    el.onlyDefaults = true;
    await settle(el);
    expect(el.visiblePupils.map((x) => x.id)).to.deep.equal([p(1).id, p(2).id]);
  });

  it('sorts by name, by number of concerns and by a subject’s status', async () => {
    const el = await grid(school);
    expect(el.visiblePupils.map((x) => x.id)).to.deep.equal(school.pupils.map((x) => x.id));
    el.sort = 'name';
    await settle(el);
    const names = el.visiblePupils.map((x) => `${x.familyName} ${x.givenName}`);
    expect(names).to.deep.equal([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    el.sort = 'concerns';
    await settle(el);
    const counts = q(el, '.body [role="row"]').map((r) => r.querySelectorAll('[part~="level-below"]').length);
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
    expect(counts[0]).to.be.above(0);
    el.sort = 'subject:maths';
    await settle(el);
    const rank = { below: 0, on: 1, above: 2 } as Record<string, number>;
    const maths = q(el, '.body [role="gridcell"][data-col="3"]').map((c) => rank[/level-(\w+)/.exec(c.getAttribute('part')!)![1]!]!);
    expect(maths).to.deep.equal([...maths].sort((a, b) => a - b));
    expect(q(el, '[role="columnheader"][aria-sort="ascending"]')[0]!.textContent).to.contain('Maths');
  });

  it('draws only the rows in view of 2,000 pupils and reaches the last with Ctrl+End', async () => {
    const big = generateSchool({ seed: 7, pupils: 2000, through: DATE });
    const el = await grid(big);
    await settle(el);
    const g = q(el, '[role="grid"]')[0]!;
    expect(g.getAttribute('aria-rowcount')).to.equal('2002');
    expect(q(el, '.body [role="row"]').length).to.be.below(80);
    await focusCell(el, 0, 1);
    const at = await press(el, 'End', { ctrlKey: true });
    expect([at.dataset.row, at.dataset.col]).to.deep.equal(['1999', '4']);
    expect(at.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('2001');
    const last = el.visiblePupils[1999]!;
    expect(at.closest('[role="row"]')!.textContent).to.contain(last.givenName);
    expect(q(el, '.body [role="row"]').length).to.be.below(80);
    const back = await press(el, 'Home', { ctrlKey: true });
    expect([back.dataset.row, back.dataset.col]).to.deep.equal(['0', '0']);
    const down = await press(el, 'PageDown');
    expect(down.dataset.row).to.equal('10');
  });

  it('never leaves the focus on a drawn cell that now shows another pupil after scrolling', async () => {
    const big = generateSchool({ seed: 7, pupils: 2000, through: DATE });
    const el = await grid(big);
    await settle(el);
    await focusCell(el, 2, 1);
    const g = q(el, '[role="grid"]')[0]!;
    g.scrollTop = 40 * 36;
    g.dispatchEvent(new Event('scroll'));
    await settle(el);
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    // Either the grid itself (the active cell is no longer drawn), or the active cell.
    expect(focused === g || (focused.dataset.row === '2' && focused.dataset.col === '1')).to.equal(true);
    const typed = await press(el, 'ArrowDown');
    expect([typed.dataset.row, typed.dataset.col]).to.deep.equal(['3', '1']);
  });

  it('keeps its look in forced-colors mode: system colours for cells, defaults, selection and failures', () => {
    const text = [statusGridStyles].map((s) => s.cssText).join('\n');
    const block = /@media \(forced-colors: active\) \{([\s\S]*)\}\s*$/.exec(text.trim())?.[1] ?? '';
    expect(block).to.match(/\[role='gridcell'\] \{[^}]*border-inline-start-color: CanvasText/);
    expect(block).to.match(/\.default \{[^}]*GrayText/);
    expect(block).to.match(/\.selected \{[^}]*Highlight/);
    expect(block).to.match(/\.failed \{[^}]*Mark/);
    // And the stylesheet the element adopts holds that rule.
    return grid(tiny).then((el) => {
      const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((s) => [...s.cssRules]);
      const media = rules.find((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('forced-colors'));
      expect(media).to.not.equal(undefined);
      expect([...media!.cssRules].some((r) => r.cssText.includes('.default') && /graytext/i.test(r.cssText))).to.equal(true);
    });
  });

  it('draws shorter rows in compact density, from the toolbar too', async () => {
    const el = await grid(tiny);
    const tall = cell(el, 0, 1).getBoundingClientRect().height;
    const box = q(el, '.toolbar input[type="checkbox"]').find((i) => i.parentElement!.textContent.includes('Compact')) as HTMLInputElement;
    box.click();
    await settle(el);
    expect(el.getAttribute('density')).to.equal('compact');
    expect(cell(el, 0, 1).getBoundingClientRect().height).to.be.below(tall - 4);
  });

  it('changes nothing in read-only mode', async () => {
    const el = await fixture<OnTrackStatusGrid>(html`<ontrack-status-grid readonly .data=${tiny} date=${DATE}></ontrack-status-grid>`);
    await settle(el);
    const seen = changes(el);
    expect(q(el, '[role="grid"]')[0]!.getAttribute('aria-readonly')).to.equal('true');
    await focusCell(el, 0, 1);
    await press(el, 'b');
    await press(el, 'Enter');
    expect(seen).to.have.length(0);
    expect(q(el, '.menu')).to.have.length(0);
    expect(cell(el, 0, 1).getAttribute('part')).to.contain('level-on');
    expect(q(el, '.toolbar .set')).to.have.length(0);
  });

  it('lets the host decide which cells are editable', async () => {
    const el = await fixture<OnTrackStatusGrid>(
      html`<ontrack-status-grid .data=${tiny} date=${DATE} .canEdit=${(pupil: { id: string }, subjectId: string) => pupil.id === p(0).id && subjectId !== 'science'}></ontrack-status-grid>`,
    );
    await settle(el);
    const seen = changes(el);
    const row0 = el.visiblePupils.findIndex((x) => x.id === p(0).id);
    const other = row0 === 0 ? 1 : 0;
    expect(cell(el, other, 1).getAttribute('aria-readonly')).to.equal('true');
    expect(cell(el, row0, 4).getAttribute('aria-readonly')).to.equal('true');
    expect(cell(el, row0, 1).hasAttribute('aria-readonly')).to.equal(false);
    await focusCell(el, other, 1);
    await press(el, 'b');
    expect(seen).to.have.length(0);
    expect(live(el)).to.contain('cannot change');
    await focusCell(el, row0, 1);
    await press(el, 'b');
    expect(seen).to.have.length(1);
  });

  it('explains an intervention in words when its marker is activated, and Escape returns focus', async () => {
    const interventions: Intervention[] = [
      {
        ruleId: 'below-low-attendance', pupilId: p(0).id, subjectId: 'maths', classId: p(0).classId, action: 'Triangulate with attendance', notify: ['attendance lead'], priority: 2,
        because: [
          { fact: 'status', operator: 'in', value: ['below'], factValue: 'below' },
          { fact: 'attendance', operator: 'lessThan', value: 90, factValue: 86.5 },
        ],
      },
    ];
    const el = await fixture<OnTrackStatusGrid>(html`<ontrack-status-grid .data=${tiny} .interventions=${interventions} date=${DATE}></ontrack-status-grid>`);
    await settle(el);
    const marker = cell(el, 0, 3).querySelector<HTMLButtonElement>('[part~="marker"]')!;
    expect(marker.getAttribute('aria-label')).to.equal('1 intervention');
    expect(q(el, '.body [part~="marker"]')).to.have.length(1);
    marker.click();
    await settle(el);
    const pop = q(el, '[part="popover"]')[0]!;
    expect(pop.textContent).to.contain('Triangulate with attendance');
    expect(pop.textContent).to.contain('attendance lead');
    expect(pop.textContent).to.contain('attendance is 86.5 %, under 90 %');
    expect(pop.textContent).to.contain('status is Below track, one of Below track');
    await expect(el).to.be.accessible();
    await press(el, 'Escape');
    expect(q(el, '[part="popover"]')).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(cell(el, 0, 3));
    // And from the keyboard: Space on the flagged cell.
    await press(el, ' ');
    expect(q(el, '[part="popover"]')).to.have.length(1);
  });

  it('works with a custom grade set of five levels, setting by first letter', async () => {
    const policy: TrackingPolicy = {
      ...defaultPolicy,
      levels: [
        { id: 'wt', label: 'Working towards', rank: 0, concern: true },
        { id: 'em', label: 'Emerging', rank: 1 },
        { id: 'ex', label: 'Expected', rank: 2 },
        { id: 'gd', label: 'Greater depth', rank: 3, challenge: true },
        { id: 'hn', label: 'Honours', rank: 4, challenge: true },
      ],
      defaultLevel: 'ex',
    };
    const el = await fixture<OnTrackStatusGrid>(html`<ontrack-status-grid .data=${{ ...tiny, judgements: [] }} .policy=${policy} date=${DATE}></ontrack-status-grid>`);
    await settle(el);
    expect(cell(el, 0, 1).textContent).to.contain('Expected');
    await focusCell(el, 0, 1);
    await press(el, 'g');
    expect(cell(el, 0, 1).getAttribute('part')).to.contain('level-gd');
    await press(el, 'w');
    expect(cell(el, 0, 1).textContent).to.contain('Working towards');
    expect(q(el, '.summary [role="gridcell"]')[0]!.textContent).to.contain('Honours');
    await expect(el).to.be.accessible();
  });

  it('shows the loading state, then the pupils, from a provider', async () => {
    const adapter = createMemoryAdapter(tiny);
    const provider = await fixture<OnTrackProvider>(html`<ontrack-provider .adapter=${adapter} date=${DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`);
    const el = provider.querySelector('ontrack-status-grid')!;
    await waitUntil(() => provider.status === 'ready');
    await el.updateComplete;
    expect(q(el, '.body [role="rowheader"]')).to.have.length(3);
  });

  it('marks the interventions the engine finds, through the provider, and explains them', async () => {
    const { el } = await provided(createMemoryAdapter(tiny));
    const row = el.visiblePupils.findIndex((x) => x.id === p(0).id);
    await waitUntil(() => el.shadowRoot!.querySelector(`.body [data-row="${row}"][data-col="3"] [part~="marker"]`) !== null, 'no marker from evaluate');
    cell(el, row, 3).querySelector<HTMLElement>('[part~="marker"]')!.click();
    await settle(el);
    const pop = q(el, '[part="popover"]')[0]!;
    expect(pop.textContent).to.contain('Below track');
    // Only the concern cell is flagged by the per-cell rules.
    expect(q(el, '.body [role="gridcell"] [part~="marker"]')).to.have.length(1);
  });

  it('shows the interventions of the provider’s evaluation', async () => {
    const adapter = createMemoryAdapter(tiny);
    const evaluator = (data: TrackingDataset): { date: string; statuses: []; interventions: Intervention[]; summary: { total: 0; counts: object; percent: object } } => ({
      date: DATE, statuses: [], summary: { total: 0, counts: {}, percent: {} },
      interventions: [{ ruleId: 'below-multiple-subjects', pupilId: data.pupils[1]!.id, action: 'Pastoral review', notify: ['SLT'], priority: 1, because: [{ fact: 'concernSubjects', operator: 'greaterThanInclusive', value: 3, factValue: 3 }] }],
    });
    const provider = await fixture<OnTrackProvider>(html`<ontrack-provider .adapter=${adapter} .evaluator=${evaluator} date=${DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`);
    await waitUntil(() => provider.status === 'ready');
    const el = provider.querySelector('ontrack-status-grid')!;
    await settle(el);
    const row = el.visiblePupils.findIndex((x) => x.id === p(1).id);
    // The provider evaluates in a task of its own after loading.
    await waitUntil(() => cell(el, row, 0).querySelector('[part~="marker"]') !== null, 'no marker from the evaluation');
    cell(el, row, 0).querySelector<HTMLElement>('[part~="marker"]')!.click();
    await settle(el);
    expect(q(el, '[part="popover"]')[0]!.textContent).to.contain('subjects below track is 3, at least 3');
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
    await adapter.recordJudgement({ pupilId: p(2).id, subjectId: 'science', status: 'above', recordedBy: 't2', recordedAt: '2026-11-10T10:00:00Z' });
    await settle(el);
    const row = el.visiblePupils.findIndex((x) => x.id === p(2).id);
    expect(cell(el, row, 4).getAttribute('part')).to.contain('level-above').and.contain('source-recorded');
  });

  it('folds changes recorded elsewhere into the rows it has, with the summary and the order following', async () => {
    const adapter = createMemoryAdapter({ ...tiny, pupils: school.pupils.slice(0, 8) });
    const provider = await fixture<OnTrackProvider>(html`<ontrack-provider .adapter=${adapter} date=${DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`);
    await waitUntil(() => provider.status === 'ready');
    const el = provider.querySelector('ontrack-status-grid')!;
    await settle(el);
    // Several edits, one of them in the future (not live yet) and two on one cell: the later wins.
    await adapter.recordJudgement({ pupilId: p(1).id, subjectId: 'maths', status: 'below', recordedBy: 't2', recordedAt: '2026-11-10T10:00:00Z' });
    await adapter.recordJudgement({ pupilId: p(1).id, subjectId: 'maths', status: 'above', recordedBy: 't2', recordedAt: '2026-11-11T10:00:00Z' });
    await adapter.recordJudgement({ pupilId: p(3).id, subjectId: 'reading', status: 'below', recordedBy: 't2', recordedAt: '2026-11-12T10:00:00Z' });
    await adapter.recordJudgement({ pupilId: p(3).id, subjectId: 'writing', status: 'below', recordedBy: 't2', recordedAt: '2099-01-01T10:00:00Z' });
    await settle(el);
    const held = await adapter.load();
    const expected = liveStatuses(held, defaultPolicy, DATE);
    const subjects = held.subjects.map((x) => x.id);
    el.visiblePupils.forEach((pupil, r) => {
      subjects.forEach((subjectId, c) => {
        const e = expected.find((x) => x.pupilId === pupil.id && x.subjectId === subjectId)!;
        expect(cell(el, r, c + 1).getAttribute('part'), `${pupil.id} × ${subjectId}`).to.contain(`level-${e.status ?? 'none'}`).and.contain(`source-${e.source}`);
      });
    });
    expectSummaryOfShown(el);
    // Sorted by a subject's status, an edit elsewhere moves the row.
    el.sort = 'subject:reading';
    await settle(el);
    const firstBelow = el.visiblePupils[0]!.id;
    await adapter.recordJudgement({ pupilId: firstBelow, subjectId: 'reading', status: 'above', recordedBy: 't2', recordedAt: '2026-11-13T10:00:00Z' });
    await settle(el);
    expect(el.visiblePupils[0]!.id).not.to.equal(firstBelow);
    expectSummaryOfShown(el);
  });
});
