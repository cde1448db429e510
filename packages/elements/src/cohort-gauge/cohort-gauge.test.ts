import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryAdapter, defaultPolicy, generateSchool, liveStatuses, type Breakdown, type Target, type TrackingDataset, type TrackingPolicy } from '@ontrack/rules';
import { emulateMedia } from '@web/test-runner-commands';
import '../index.js';
import type { OnTrackCohortGauge } from './cohort-gauge.js';

const y4: Breakdown = {
  filter: { yearGroup: 'Y4', subjectId: 'maths' },
  label: 'Y4 × Maths',
  date: '2026-11-16',
  pupils: 40,
  total: 40,
  untracked: 0,
  counts: { below: 6, on: 26, above: 8 },
  percent: { below: 15, on: 65, above: 20 },
  suppressed: false,
};
const pp: Breakdown = { ...y4, label: 'Pupil premium', pupils: 10, total: 10, counts: { below: 4, on: 5, above: 1 }, percent: { below: 40, on: 50, above: 10 } };
const others: Breakdown = { ...y4, label: 'Others', pupils: 30, total: 30, counts: { below: 2, on: 21, above: 7 }, percent: { below: 6.7, on: 70, above: 23.3 } };
const tiny: Breakdown = { ...y4, label: 'Y4 × Maths × EHCP', pupils: 3, total: 3, counts: null, percent: null, suppressed: true };
const target: Target = { label: 'Trust target', atOrAbove: 'on', percent: 80 };
const national: Target = { label: 'National', atOrAbove: 'on', percent: 88 };

const q = (el: HTMLElement, sel: string): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const frames = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};
const text = (el: HTMLElement): string => el.shadowRoot!.textContent.replace(/\s+/g, ' ');

describe('ontrack-cohort-gauge', () => {
  it('passes axe with a target and a benchmark', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${y4} .target=${target} .benchmark=${national}></ontrack-cohort-gauge>`);
    await expect(el).to.be.accessible();
  });

  it('draws one segment per level, as wide as its share', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<div class="w"><ontrack-cohort-gauge .breakdown=${y4}></ontrack-cohort-gauge></div>`);
    const gauge = el.querySelector('ontrack-cohort-gauge')!;
    await gauge.updateComplete;
    const rects = ['below', 'on', 'above'].map((id) => q(gauge, `[part~="level-${id}"] rect.seg`)[0]!);
    const widths = rects.map((r) => Number(r.getAttribute('width')));
    const total = widths.reduce((a, b) => a + b, 0);
    expect(widths.map((w) => Math.round((100 * w) / total))).to.deep.equal([15, 65, 20]);
  });

  it('gives the count and share of each level as text, with a glyph', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${y4}></ontrack-cohort-gauge>`);
    const items = q(el, '[part~="legend-item"]').map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(items).to.deep.equal(['▼ Below track: 6 (15%)', '● On track: 26 (65%)', '▲ Above track: 8 (20%)']);
  });

  it('says the gap to the target and to the benchmark', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${y4} .target=${target} .benchmark=${national}></ontrack-cohort-gauge>`);
    const lines = q(el, '[part~="marker-line"]').map((p) => p.textContent.replace(/\s+/g, ' ').trim());
    expect(lines[0]).to.equal('✓ Target (Trust target): 80% On track or above; now 85% (+5.0 pts)');
    expect(lines[1]).to.equal('✗ Benchmark (National): 88% On track or above; now 85% (-3.0 pts)');
    expect(q(el, '[part~="target"]')).to.have.length(1);
    expect(q(el, '[part~="benchmark"]')).to.have.length(1);
  });

  it('places the target line where the at-or-above share would have to start', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${y4} .target=${target}></ontrack-cohort-gauge>`);
    const svg = q(el, 'svg.bar')[0]!;
    const width = Number(svg.getAttribute('width'));
    const x = Number(q(el, '[part~="target"] line')[0]!.getAttribute('x1'));
    expect(x / width).to.be.closeTo(0.2, 0.01);
  });

  it('explains a suppressed cohort instead of showing any percentage', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${tiny} .target=${target}></ontrack-cohort-gauge>`);
    expect(q(el, '[part~="suppressed"]')[0]!.textContent).to.contain('Fewer than 5 pupils');
    expect(q(el, 'rect.seg')).to.have.length(0);
    expect(text(el)).not.to.match(/\d+(\.\d)?%/);
    await expect(el).to.be.accessible();
  });

  it('uses the policy’s suppression threshold in the explanation', async () => {
    const policy: TrackingPolicy = { ...defaultPolicy, suppressUnder: 10 };
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${tiny} .policy=${policy}></ontrack-cohort-gauge>`);
    expect(q(el, '[part~="suppressed"]')[0]!.textContent).to.contain('Fewer than 10 pupils');
  });

  it('shows a group against the rest with the gap per level', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${pp} .versus=${others} .target=${target}></ontrack-cohort-gauge>`);
    expect(q(el, '[part~="title"]')[0]!.textContent).to.equal('Pupil premium compared with Others');
    expect(q(el, 'svg.bar')).to.have.length(2);
    const gaps = q(el, '[part~="gaps"] li').map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(gaps).to.deep.equal(['▼ Below track: +33.3 pts', '● On track: -20.0 pts', '▲ Above track: -13.3 pts']);
    await expect(el).to.be.accessible();
  });

  it('refuses to give a gap when one side is suppressed', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${tiny} .versus=${others}></ontrack-cohort-gauge>`);
    expect(q(el, '[part~="gaps"]')[0]!.textContent).to.contain('cannot be shown');
    expect(q(el, '[part~="gaps"] li')).to.have.length(0);
  });

  it('draws a custom grade set with its own labels and textures', async () => {
    const levels = [
      { id: 'wt', label: 'Working towards', rank: 0, concern: true },
      { id: 'exp', label: 'Expected', rank: 1 },
      { id: 'gd', label: 'Greater depth', rank: 2, challenge: true },
      { id: 'ms', label: 'Mastery', rank: 3, challenge: true },
    ];
    const policy: TrackingPolicy = { ...defaultPolicy, levels, defaultLevel: 'exp' };
    const b: Breakdown = { ...y4, counts: { wt: 10, exp: 20, gd: 6, ms: 4 }, percent: { wt: 25, exp: 50, gd: 15, ms: 10 } };
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${b} .policy=${policy}></ontrack-cohort-gauge>`);
    expect(q(el, '[part~="legend-item"]').map((li) => li.textContent.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '▼ Working towards: 10 (25%)', '● Expected: 20 (50%)', '▲ Greater depth: 6 (15%)', '▲ Mastery: 4 (10%)',
    ]);
    const fills = q(el, '[part~="segment"] .hatch').map((r) => r.getAttribute('fill'));
    expect(new Set(fills).size).to.equal(fills.length);
  });

  it('keeps every figure in a data table that a button reveals', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${y4}></ontrack-cohort-gauge>`);
    const table = q(el, 'table')[0]!;
    expect(table.classList.contains('visually-hidden')).to.equal(true);
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent.trim()));
    expect(rows).to.deep.equal([['Below track', '6', '15%'], ['On track', '26', '65%'], ['Above track', '8', '20%']]);
    const toggle = q(el, '[part~="toggle"]')[0]!;
    toggle.click();
    await el.updateComplete;
    expect(table.classList.contains('visually-hidden')).to.equal(false);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
  });

  it('follows the width of its container', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><ontrack-cohort-gauge .breakdown=${y4}></ontrack-cohort-gauge></div>`);
    const el = wrap.querySelector('ontrack-cohort-gauge')!;
    wrap.style.width = '500px';
    await frames(3);
    await el.updateComplete;
    expect(q(el, 'svg.bar')[0]!.getAttribute('width')).to.equal('500');
    wrap.style.width = '260px';
    await frames(3);
    await el.updateComplete;
    expect(q(el, 'svg.bar')[0]!.getAttribute('width')).to.equal('260');
  });

  it('takes its words from a message override', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${tiny} .messages=${{ gauge: { suppressed: (n: number) => `Moins de ${n} élèves` } }}></ontrack-cohort-gauge>`);
    expect(q(el, '[part~="suppressed"]')[0]!.textContent).to.equal('Moins de 5 élèves');
  });

  it('compact form keeps the figures as text and passes axe', async () => {
    const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge compact .breakdown=${y4} .target=${target}></ontrack-cohort-gauge>`);
    expect(q(el, '[part~="legend"]')[0]!.textContent.replace(/\s+/g, ' ')).to.contain('Below track: 15%');
    expect(Number(q(el, 'svg.bar')[0]!.getAttribute('height'))).to.be.lessThan(30);
    await expect(el).to.be.accessible();
  });

  describe('with a provider', () => {
    const DATE = '2026-11-16';
    const school: TrackingDataset = generateSchool({ seed: 3, pupils: 60, through: DATE });
    const y = school.pupils[0]!.yearGroup;
    const legend = (el: HTMLElement): string[] => q(el, '[part~="legend-item"]').map((li) => li.textContent.replace(/\s+/g, ' ').trim());

    it('computes the breakdown of its filter and moves at once when a judgement is recorded', async () => {
      const adapter = createMemoryAdapter(school);
      const wrap = await fixture<HTMLElement>(html`<ontrack-provider .adapter=${adapter} date=${DATE}>
        <ontrack-cohort-gauge .filter=${{ yearGroup: y, subjectId: 'maths' }}></ontrack-cohort-gauge>
      </ontrack-provider>`);
      const el = wrap.querySelector('ontrack-cohort-gauge')!;
      await waitUntil(() => q(el, '[part~="legend-item"]').length === 3, 'gauge never rendered the breakdown');
      const below = (): number => Number(/: (\d+) /.exec(legend(el)[0]!)?.[1]);
      const before = below();
      expect(q(el, '[part~="title"]')[0]!.textContent).to.equal(`${y} × Maths`);
      // A pupil of that year whose live maths status is not Below yet.
      const live = liveStatuses(school, defaultPolicy, DATE);
      const pupil = school.pupils.find((p) => p.yearGroup === y && live.some((s) => s.pupilId === p.id && s.subjectId === 'maths' && s.status !== 'below'))!;
      await adapter.recordJudgement({ pupilId: pupil.id, subjectId: 'maths', status: 'below', recordedBy: 't1', recordedAt: '2026-11-16T08:00:00Z' });
      await el.updateComplete;
      expect(below()).to.equal(before + 1);
      await adapter.recordJudgement({ pupilId: pupil.id, subjectId: 'maths', status: 'above', recordedBy: 't1', recordedAt: '2026-11-16T09:00:00Z' });
      await el.updateComplete;
      expect(below()).to.equal(before);
    });

    it('shows a policy group against the rest of the cohort', async () => {
      const wrap = await fixture<HTMLElement>(html`<ontrack-provider .adapter=${createMemoryAdapter(school)} date=${DATE}>
        <ontrack-cohort-gauge group="pupil-premium"></ontrack-cohort-gauge>
      </ontrack-provider>`);
      const el = wrap.querySelector('ontrack-cohort-gauge')!;
      await waitUntil(() => q(el, 'svg.bar').length === 2, 'never drew two bars');
      expect(q(el, '[part~="gaps"] li')).to.have.length(3);
      await expect(el).to.be.accessible();
    });

    it('says so when the filter names a group the policy does not have', async () => {
      const wrap = await fixture<HTMLElement>(html`<ontrack-provider .adapter=${createMemoryAdapter(school)} date=${DATE}>
        <ontrack-cohort-gauge .filter=${{ groups: ['no-such-group'] }}></ontrack-cohort-gauge>
      </ontrack-provider>`);
      const el = wrap.querySelector('ontrack-cohort-gauge')!;
      await waitUntil(() => q(el, '[role="alert"]').length === 1, 'no error shown');
      expect(q(el, '[role="alert"]')[0]!.textContent).to.contain('no-such-group');
    });
  });

  describe('media', () => {
    afterEach(async () => {
      await emulateMedia({ reducedMotion: 'no-preference', media: 'screen' });
    });

    it('animates a change of share only when motion is welcome', async () => {
      const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${y4}></ontrack-cohort-gauge>`);
      const seg = q(el, 'rect.seg')[0]!;
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(getComputedStyle(seg).transitionDuration.split(', ')).to.deep.equal(['0.25s', '0.25s']);
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(seg).transitionDuration.split(', ').every((d) => d === '0s')).to.equal(true);
    });

    it('prints the figures table and not the button', async () => {
      const el = await fixture<OnTrackCohortGauge>(html`<ontrack-cohort-gauge .breakdown=${y4}></ontrack-cohort-gauge>`);
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle(q(el, '[part~="toggle"]')[0]!).display).to.equal('none');
      expect(getComputedStyle(q(el, 'table')[0]!).position).to.equal('static');
    });
  });
});
