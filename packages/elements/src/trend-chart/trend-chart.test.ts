import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { createMemoryAdapter, defaultPolicy, generateSchool, liveStatuses, type Breakdown, type TrackingDataset, type TrackingPolicy, type TrendPoint, type TrendSeries } from '@ontrack/rules';
import { sendKeys } from '@web/test-runner-commands';
import '../index.js';
import type { OnTrackTrendChart } from './trend-chart.js';

const TERMS = [['aut1', 'Autumn 1', '2026-10-23'], ['aut2', 'Autumn 2', '2026-12-18'], ['spr1', 'Spring 1', '2027-02-12']] as const;

function bd(label: string, counts: Record<string, number> | null, pupils = 30): Breakdown {
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : pupils;
  const percent = counts ? Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10])) : null;
  return { filter: {}, label, date: '2026-11-16', pupils, total, untracked: 0, counts, percent, suppressed: counts === null };
}

/** A series over the three snapshots and a live point; `null` counts make a suppressed point. */
function series(label: string, each: readonly (Record<string, number> | null)[]): TrendSeries {
  const points: TrendPoint[] = each.map((counts, i) => {
    const term = TERMS[i];
    return term
      ? { label: term[1], date: term[2], halfTermId: term[0], live: false, breakdown: bd(label, counts) }
      : { label: 'Now', date: '2027-03-01', live: true, breakdown: bd(label, counts) };
  });
  return { label, filter: {}, points };
}

const y4 = series('Year 4', [{ below: 6, on: 18, above: 6 }, { below: 3, on: 21, above: 6 }, { below: 3, on: 18, above: 9 }, { below: 0, on: 24, above: 6 }]);
const pp = series('Pupil premium', [{ below: 4, on: 4, above: 2 }, null, { below: 2, on: 6, above: 2 }, { below: 1, on: 7, above: 2 }]);
const target = { label: 'Trust target', atOrAbove: 'on', percent: 85 };

const q = (el: HTMLElement, sel: string): Element[] => [...el.shadowRoot!.querySelectorAll(sel)];
const one = (el: HTMLElement, sel: string): Element => {
  const found = el.shadowRoot!.querySelector(sel);
  if (!found) throw new Error(`no ${sel}`);
  return found;
};
const rowText = (tr: Element): string => [...tr.children].map((c) => c.textContent.trim()).join(' ');
const key = async (el: OnTrackTrendChart, k: string): Promise<void> => {
  const focused = el.shadowRoot!.activeElement!;
  focused.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
  await el.updateComplete;
};

describe('ontrack-trend-chart', () => {
  it('passes axe with lines of several cohorts and a target', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4, pp]} .target=${target}></ontrack-trend-chart>`);
    await expect(el).to.be.accessible();
  });

  it('draws one line per level for one cohort, with a point per snapshot and the live point', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4]}></ontrack-trend-chart>`);
    expect(q(el, 'path.line:not(.swatch path)').filter((p) => p.closest('svg[part="plot"]'))).to.have.length(3);
    expect(q(el, '[part~="line"][part~="row-below"] [part~="point"]')).to.have.length(4);
    expect(q(el, '.x-label').map((t) => t.textContent)).to.deep.equal(['Autumn 1', 'Autumn 2', 'Spring 1', 'Now']);
    expect(q(el, '.y-label')[0]!.textContent).to.equal('0%');
    expect(q(el, '[part~="row-below"] [part~="point"]')[0]!.getAttribute('aria-label')).to.equal('Below track, Autumn 1: 20% (6 of 30)');
  });

  it('puts higher shares higher on the plot', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4]}></ontrack-trend-chart>`);
    const ys = q(el, '[part~="row-on"] [part~="point"]').map((p) => Number(/ ([\d.]+)a/.exec(p.getAttribute('d') ?? '')?.[1] ?? /M[\d.]+ ([\d.]+)/.exec(p.getAttribute('d') ?? '')?.[1]));
    // On track: 60 %, 70 %, 60 %, 80 %: the last point is highest (smallest y), the second above the first.
    expect(ys[3]).to.be.lessThan(ys[1]!);
    expect(ys[1]).to.be.lessThan(ys[0]!);
  });

  it('draws the share at or above the target’s level for several cohorts, and the target line', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4, pp]} .target=${target}></ontrack-trend-chart>`);
    expect(one(el, '[part~="subtitle"]').textContent).to.equal('On track or above');
    expect(q(el, '[part~="plot"] [part~="line"]')).to.have.length(2);
    expect(one(el, '[part~="target"] text').textContent).to.equal('Trust target: 85%');
    // Every value is 60 % or more: the axis starts at 40 %, not 0, so gaps between groups show.
    expect(q(el, '.y-label').map((t) => t.textContent)).to.deep.equal(['40%', '55%', '70%', '85%', '100%']);
    const first = q(el, '[part~="row-s0"] [part~="point"]')[0]!;
    expect(first.getAttribute('aria-label')).to.equal('Year 4, Autumn 1: On track or above 80% (24 of 30)');
  });

  it('leaves a gap for a suppressed point and says why', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4, pp]}></ontrack-trend-chart>`);
    const line = one(el, '[part~="row-s1"] path.line').getAttribute('d') ?? '';
    expect(line.match(/M/g)).to.have.length(2);
    const hidden = q(el, '[part~="row-s1"] [part~="suppressed"]');
    expect(hidden).to.have.length(1);
    expect(hidden[0]!.getAttribute('aria-label')).to.equal('Pupil premium, Autumn 2: hidden: fewer than 5 pupils');
    (one(el, '[part~="toggle"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const cells = q(el, 'table tbody tr').map(rowText);
    expect(cells).to.include('Pupil premium Autumn 2 hidden: fewer than 5 pupils');
    expect(cells.join(' ')).not.to.match(/Pupil premium Autumn 2 [^h]/);
  });

  it('stacks the levels with the highest at the bottom, a panel per cohort, and breaks the area at a suppressed point', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart kind="stacked" .series=${[y4, pp]} .target=${target}></ontrack-trend-chart>`);
    expect(q(el, '.panel')).to.have.length(2);
    expect(q(el, '.panel-title').map((t) => t.textContent)).to.deep.equal(['Year 4', 'Pupil premium']);
    const ppBelow = q(el, '.panel')[1]!.querySelector('[part~="level-below"] path.band')!.getAttribute('d') ?? '';
    // Autumn 1 alone (a bar), then Spring 1 to now (an area).
    expect(ppBelow.match(/M/g)).to.have.length(2);
    expect(q(el, '.panel')[1]!.querySelectorAll('.gap-mark')).to.have.length(1);
    expect(q(el, '[part~="target"]')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('moves between points with the arrow keys and shows each point in the tooltip', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4, pp]}></ontrack-trend-chart>`);
    const stops = q(el, '[tabindex="0"]');
    expect(stops).to.have.length(1);
    (stops[0] as SVGElement).focus();
    await el.updateComplete;
    const tip = one(el, '[part="tooltip"]') as HTMLElement;
    expect(tip.hidden).to.equal(false);
    expect(tip.textContent).to.contain('Year 4, Autumn 1');
    await key(el, 'ArrowRight');
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.contain('Year 4, Autumn 2');
    expect(tip.textContent).to.contain('Year 4, Autumn 2');
    await key(el, 'ArrowDown');
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal('Pupil premium, Autumn 2: hidden: fewer than 5 pupils');
    await key(el, 'End');
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.contain('Pupil premium, Now');
    await key(el, 'Home');
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.contain('Pupil premium, Autumn 1');
    expect(q(el, '[tabindex="0"]')).to.have.length(1);
    await key(el, 'Escape');
    expect(tip.hidden).to.equal(true);
  });

  it('is reached with Tab and walked with real arrow keys', async () => {
    const wrap = await fixture<HTMLElement>(html`<div><button>before</button><ontrack-trend-chart .series=${[y4, pp]}></ontrack-trend-chart></div>`);
    const el = wrap.querySelector('ontrack-trend-chart')!;
    wrap.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Year 4, Autumn 1: On track or above 80% (24 of 30)');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.contain('Year 4, Autumn 2');
    expect((one(el, '[part="tooltip"]') as HTMLElement).textContent).to.contain('Year 4, Autumn 2');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('toggle');
    expect((one(el, '[part="tooltip"]') as HTMLElement).hidden).to.equal(true);
  });

  it('shows the tooltip of the nearest point under the pointer', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4]}></ontrack-trend-chart>`);
    const svgEl = one(el, '.plot');
    const pts = q(el, '[part~="row-above"] [part~="point"]');
    const box = pts[2]!.getBoundingClientRect();
    svgEl.dispatchEvent(new PointerEvent('pointermove', { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true }));
    await el.updateComplete;
    const tip = one(el, '[part="tooltip"]') as HTMLElement;
    expect(tip.hidden).to.equal(false);
    expect(tip.textContent).to.contain('Above track, Spring 1');
    svgEl.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(tip.hidden).to.equal(true);
  });

  it('draws a custom grade set with its own labels and textures', async () => {
    const levels = [
      { id: 'nt', label: 'Not on track', rank: 0, concern: true },
      { id: 'ot', label: 'On track', rank: 1 },
    ];
    const policy: TrackingPolicy = { ...defaultPolicy, levels, defaultLevel: 'ot' };
    const s = series('P7', [{ nt: 5, ot: 20 }, { nt: 4, ot: 21 }]);
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart kind="stacked" .series=${[s]} .policy=${policy}></ontrack-trend-chart>`);
    expect(q(el, '[part~="legend"] li').map((li) => li.textContent.replace(/\s+/g, ' ').trim())).to.deep.equal(['● On track', '▼ Not on track']);
    expect(q(el, '[part~="area"]').map((a) => a.getAttribute('part'))).to.deep.equal(['area level-nt', 'area level-ot']);
    expect(one(el, '[part~="level-nt"] .hatch').getAttribute('fill')).to.equal('url(#tone-0)');
    (one(el, '[part~="toggle"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(q(el, 'thead th').map((th) => th.textContent)).to.deep.equal(['Cohort', 'When', 'Not on track', 'On track']);
  });

  it('keeps every figure in a table that a button shows and hides', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4]}></ontrack-trend-chart>`);
    const toggle = one(el, '[part~="toggle"]') as HTMLButtonElement;
    expect(q(el, 'table')).to.have.length(0);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(rowText(q(el, 'tbody tr')[0]!)).to.equal('Year 4 Autumn 1 6 (20%) 18 (60%) 6 (20%)');
    expect(q(el, 'tbody tr')).to.have.length(4);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.textContent.trim()).to.equal('Hide table');
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(q(el, 'table')).to.have.length(0);
  });

  it('prints the table', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[y4]}></ontrack-trend-chart>`);
    window.dispatchEvent(new Event('beforeprint'));
    await el.updateComplete;
    expect(q(el, 'tbody tr')).to.have.length(4);
    window.dispatchEvent(new Event('afterprint'));
    await el.updateComplete;
    expect(q(el, 'table')).to.have.length(0);
  });

  it('draws a single snapshot as points and bars', async () => {
    const single = series('Year 4', [{ below: 6, on: 18, above: 6 }]);
    const lines = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[single]}></ontrack-trend-chart>`);
    expect(q(lines, '[part~="plot"] [part~="point"]')).to.have.length(3);
    const stacked = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart kind="stacked" .series=${[single]}></ontrack-trend-chart>`);
    expect(one(stacked, '[part~="level-on"] path.band').getAttribute('d')).to.match(/^M[\d.]+ [\d.]+h[\d.]+V/);
  });

  it('says there is nothing to show for series without points', async () => {
    const el = await fixture<OnTrackTrendChart>(html`<ontrack-trend-chart .series=${[{ label: 'Y4', filter: {}, points: [] }]}></ontrack-trend-chart>`);
    expect(one(el, '[part~="message"]').textContent).to.contain('No snapshots');
  });

  it('follows the width of its container', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><ontrack-trend-chart .series=${[y4]}></ontrack-trend-chart></div>`);
    const el = wrap.querySelector('ontrack-trend-chart')!;
    wrap.style.width = '640px';
    await waitUntil(() => one(el, 'svg[part="plot"]').getAttribute('width') === '640', 'did not redraw at 640px');
    wrap.style.width = '300px';
    await waitUntil(() => one(el, 'svg[part="plot"]').getAttribute('width') === '300', 'did not redraw at 300px');
    // Too narrow for labels at the line ends: the legend carries them.
    expect(q(el, '.end-label')).to.have.length(0);
  });

  describe('with a provider', () => {
    const DATE = '2026-11-16';
    const school: TrackingDataset = generateSchool({ seed: 5, pupils: 80, through: DATE });
    /** A chart inside a provider over the in-memory adapter, once it has drawn. */
    const inProvider = async (chart: TemplateResult): Promise<OnTrackTrendChart> => {
      const wrap = await fixture<HTMLElement>(html`<ontrack-provider .adapter=${createMemoryAdapter(school)} date=${DATE}>${chart}</ontrack-provider>`);
      const el = wrap.querySelector('ontrack-trend-chart')!;
      await waitUntil(() => q(el, '[part~="point"]').length > 0, 'never drew');
      return el;
    };

    it('computes the trend of its filter from the snapshots and the live statuses', async () => {
      const el = await inProvider(html`<ontrack-trend-chart .filter=${{ subjectId: 'maths' }}></ontrack-trend-chart>`);
      const labels = q(el, '.x-label').map((t) => t.textContent);
      expect(labels).to.have.length(school.snapshots.filter((s) => s.takenOn <= DATE).length + 1);
      expect(labels[labels.length - 1]).to.equal('Now');
    });

    it('moves the live point at once when a judgement is recorded', async () => {
      const adapter = createMemoryAdapter(school);
      const wrap = await fixture<HTMLElement>(html`<ontrack-provider .adapter=${adapter} date=${DATE}>
        <ontrack-trend-chart .filter=${{ subjectId: 'maths' }}></ontrack-trend-chart>
      </ontrack-provider>`);
      const el = wrap.querySelector('ontrack-trend-chart')!;
      await waitUntil(() => q(el, '[part~="row-below"] [part~="point"]').length > 0, 'never drew');
      const liveBelow = (): string => q(el, '[part~="row-below"] [part~="point"]').at(-1)!.getAttribute('aria-label') ?? '';
      const before = liveBelow();
      const live = liveStatuses(school, defaultPolicy, DATE);
      const pupil = live.find((s) => s.subjectId === 'maths' && s.status === 'on')!.pupilId;
      await adapter.recordJudgement({ pupilId: pupil, subjectId: 'maths', status: 'below', recordedBy: 't1', recordedAt: '2026-11-16T08:00:00Z' });
      await el.updateComplete;
      const count = (s: string): number => Number(/\((\d+) of/.exec(s)?.[1]);
      expect(count(liveBelow())).to.equal(count(before) + 1);
    });

    it('draws one pupil’s trajectory across subjects', async () => {
      const pupil = school.pupils[0]!;
      const el = await inProvider(html`<ontrack-trend-chart pupil=${pupil.id}></ontrack-trend-chart>`);
      expect(one(el, '[part~="title"]').textContent).to.equal(`${pupil.givenName} ${pupil.familyName}`);
      expect(q(el, '[part~="plot"] [part~="line"]')).to.have.length(school.subjects.length);
      expect(q(el, '.y-label').map((t) => t.textContent)).to.deep.equal(['▼ Below', '● On', '▲ Above']);
      const live = liveStatuses(school, defaultPolicy, DATE).find((s) => s.pupilId === pupil.id && s.subjectId === 'maths')!;
      const mathsRow = school.subjects.findIndex((s) => s.id === 'maths');
      const last = q(el, `[part~="row-s${mathsRow}"] [part~="point"]`).at(-1)!;
      expect(last.getAttribute('aria-label')).to.contain(`Maths, Now: ${defaultPolicy.levels.find((l) => l.id === live.status)!.label}`);
      await expect(el).to.be.accessible();
    });
  });

  // Last in this file: the policy stays on the page once added.
  describe('under a strict CSP', () => {
    it('draws both charts without one policy violation', async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.sample}`));
      const meta = document.createElement('meta');
      meta.httpEquiv = 'Content-Security-Policy';
      meta.content = "style-src 'self'; style-src-attr 'none'";
      document.head.append(meta);
      const wrap = await fixture<HTMLElement>(html`<div>
        <ontrack-trend-chart kind="stacked" .series=${[y4, pp]} .target=${target}></ontrack-trend-chart>
        <ontrack-trend-chart .series=${[y4, pp]} .target=${target}></ontrack-trend-chart>
        <ontrack-cohort-gauge .breakdown=${y4.points[0]!.breakdown} .target=${target}></ontrack-cohort-gauge>
      </div>`);
      const chart = wrap.querySelector('ontrack-trend-chart')!;
      (chart.shadowRoot!.querySelector('[tabindex="0"]') as SVGElement).focus();
      await chart.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      // The policy is live: a style attribute is refused and reported.
      const probe = document.createElement('div');
      probe.setAttribute('style', 'color: red');
      document.body.append(probe);
      await new Promise((r) => setTimeout(r, 50));
      probe.remove();
      expect(violations).to.have.length(1);
      expect(violations[0]).to.match(/^style-src-attr/);
      // The tooltip was placed through the CSSOM, which the policy allows.
      expect((chart.shadowRoot!.querySelector('.tip') as HTMLElement).style.getPropertyValue('--_tip-x')).to.match(/px$/);
    });
  });
});
